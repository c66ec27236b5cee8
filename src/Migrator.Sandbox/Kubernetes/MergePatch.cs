using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>JSON merge patch (RFC 7386, application/merge-patch+json): objects merge, null deletes, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
