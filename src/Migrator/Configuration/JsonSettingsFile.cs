using System.Text.Json;

namespace Migrator.Configuration;

/// <summary>
/// Reads a JSON configuration file the way the configuration's JSON provider does (comments and trailing commas
/// allowed, 64 levels deep) and says what is wrong with it instead of letting the provider throw: not JSON (with
/// line and column), empty, not an object at the top, a key given twice (configuration keys ignore case).
/// </summary>
public static class JsonSettingsFile
{
    public const int MaxDepth = 64;

    public static IReadOnlyList<ConfigurationProblem> Check(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new("", path, $"cannot be read: {e.Message}")];
        }
        if (string.IsNullOrWhiteSpace(text))
            return [new("", path, "is empty; a configuration file is a JSON object, e.g. { \"Storage\": { \"Path\": \"migrator.db\" } } (or {} for none).")];
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return [new("", path, $"must hold a JSON object {{ \"Section\": {{ \"Key\": value }} }} at the top; it holds {Describe(doc.RootElement.ValueKind)}.")];
            var problems = new List<ConfigurationProblem>();
            FindDuplicates(doc.RootElement, "", path, problems);
            return problems;
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            var at = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: " : "";
            return [new("", path, $"is not valid JSON: {at}{message.TrimEnd('.')}. Fix the file (a JSON object of sections).")];
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString(),
    };

    private static void FindDuplicates(JsonElement element, string prefix, string path, List<ConfigurationProblem> problems)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
                FindDuplicates(item, Join(prefix, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture)), path, problems);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
            return;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var key = Join(prefix, property.Name);
            if (!seen.Add(property.Name))
                problems.Add(new(key, path, "is given twice (configuration keys ignore case); keep one."));
            FindDuplicates(property.Value, key, path, problems);
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + ":" + key;
}
