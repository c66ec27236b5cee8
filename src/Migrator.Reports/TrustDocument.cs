using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Migrator.Reports;

/// <summary>Trust policy documents laid out for reading: indented JSON lines, and the compact size IAM counts.</summary>
internal static class TrustDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<string> Lines(string document)
    {
        var text = TryParse(document)?.ToJsonString(Indented) ?? document;
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
    }

    /// <summary>Characters without insignificant whitespace (IAM's size rule ignores it).</summary>
    public static int Size(string document) => TryParse(document)?.ToJsonString(Compact).Length ?? document.Length;

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
