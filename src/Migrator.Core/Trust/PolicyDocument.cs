using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// Policy documents as text: whether two say the same, and a layout for reading. IAM may return a document
/// reformatted (and GetRole URL-encodes it), so documents are compared as JSON, never as text alone.
/// </summary>
public static class PolicyDocument
{
    /// <summary>
    /// Same JSON, whitespace aside; key order counts (what the executor checks before and after its own writes).
    /// Two nulls are the same; a document that does not parse is the same only as the identical text.
    /// </summary>
    public static bool Same(string? a, string? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        if (string.Equals(a, b, StringComparison.Ordinal))
            return true;
        return Compact(a) is { } ca && Compact(b) is { } cb && ca == cb;
    }

    /// <summary>
    /// Same JSON value, whitespace and key order aside (what inventory drift counts as unchanged). A document that
    /// does not parse is the same only as the identical text.
    /// </summary>
    public static bool SameValue(string? a, string? b)
    {
        if (a == b) return true;
        if (a is null || b is null) return false;
        try
        {
            return JsonNode.DeepEquals(Sorted(JsonNode.Parse(a)), Sorted(JsonNode.Parse(b)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The document URL-decoded and indented with two spaces, written fresh in document order, for reading and
    /// diffing; the decoded text as it is when it is not valid JSON.
    /// </summary>
    public static string Pretty(string document)
    {
        var decoded = PolicyDocumentText.Decode(document);
        return PolicyTreeWriter.Reformat(decoded, indented: true) ?? decoded;
    }

    /// <summary><see cref="Pretty"/> split into lines.</summary>
    public static List<string> PrettyLines(string document) => Lines(Pretty(document));

    /// <summary>Text split into lines, CRLF or LF.</summary>
    public static List<string> Lines(string text) => [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')];

    private static string? Compact(string document)
    {
        try
        {
            return JsonNode.Parse(document)?.ToJsonString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
