using System.Text.Json;
using System.Text.Json.Nodes;

namespace Migrator.Core.Execution;

/// <summary>Compares trust documents by their JSON content, ignoring whitespace (IAM may return them reformatted).</summary>
public static class TrustDocuments
{
    public static bool Same(string? a, string? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        if (string.Equals(a, b, StringComparison.Ordinal))
            return true;
        return Canonical(a) is { } ca && Canonical(b) is { } cb && ca == cb;
    }

    private static string? Canonical(string document)
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
}
