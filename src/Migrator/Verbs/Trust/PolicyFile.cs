using System.Text.Json;
using Migrator.Cli;
using Migrator.Core.Trust;

namespace Migrator.Verbs.Trust;

/// <summary>Reads a trust policy file given on the command line and reports IAM's objections to it.</summary>
internal static class PolicyFile
{
    public static async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"--policy file '{path}' does not exist; give the path of a trust policy JSON document (as written, or as IAM GetRole returns it).");
        return await File.ReadAllTextAsync(path, ct);
    }

    /// <summary>The parsed policy, or null after printing its errors (text lines or the JSON error shape).</summary>
    public static TrustPolicy? ParseOrReport(string document, string path, bool json, TextWriter output)
    {
        var parsed = TrustPolicyParser.Parse(document);
        if (parsed.Success)
            return parsed.Policy;
        if (json)
        {
            JsonOutput.Write(output, new
            {
                valid = false,
                errors = parsed.Errors.Select(e => new { message = e.Message, line = e.Line, column = e.Column }),
            });
        }
        else
        {
            output.WriteLine($"{path}: not a valid trust policy; IAM would reject it:");
            foreach (var e in parsed.Errors)
                output.WriteLine($"  {path}:{e.Line}:{e.Column}: {e.Message}");
        }
        return null;
    }
}

/// <summary>JSON output of the trust verbs: camelCase, indented, no needless escaping.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
