using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Core.Trust;

namespace Migrator.Reports;

/// <summary>Trust policy documents laid out for reading: indented JSON lines, and the compact size IAM counts.</summary>
internal static class TrustDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<string> Lines(string document)
    {
        var decoded = PolicyDocumentText.Decode(document);
        var text = TryParse(decoded)?.ToJsonString(Indented) ?? decoded;
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
    }

    /// <summary>The size IAM compares with the trust policy quota (the trust engine's counting rule).</summary>
    public static int Size(string document) => TrustPolicySize.Count(document);

    private static JsonNode? TryParse(string document)
    {
        try
        {
            return JsonNode.Parse(document);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
