using System.Text;
using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// List responses with <c>limit</c>/<c>continue</c> paging as the API server does it: items in key order
/// (namespace/name), a continue token naming the last key returned and the list's resourceVersion, and
/// <c>remainingItemCount</c> when more remain.
/// </summary>
public static class KubeList
{
    public sealed record Item(string Key, Func<JsonObject> Render);

    public static (JsonObject? List, string? Error) Page(
        KubeResource resource, IEnumerable<Item> items, KubeSelectors selectors, int? limit, string? continueToken, string resourceVersion)
    {
        string? after = null;
        var listVersion = resourceVersion;
        if (!string.IsNullOrEmpty(continueToken))
        {
            var decoded = Decode(continueToken);
            if (decoded is null)
            {
                return (null, "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            (after, listVersion) = decoded.Value;
        }

        var ordered = items.OrderBy(i => i.Key, StringComparer.Ordinal).Where(i => after is null || string.CompareOrdinal(i.Key, after) > 0);
        var page = new List<JsonObject>();
        string? lastKey = null;
        var more = 0;
        foreach (var item in ordered)
        {
            JsonObject? rendered = null;
            if (!selectors.IsEmpty)
            {
                rendered = item.Render();
                if (!selectors.Matches(rendered))
                {
                    continue;
                }
            }

            if (limit is > 0 && page.Count >= limit)
            {
                more++;
                continue;
            }

            page.Add(rendered ?? item.Render());
            lastKey = item.Key;
        }

        var metadata = new JsonObject { ["resourceVersion"] = listVersion };
        if (more > 0)
        {
            metadata["continue"] = Encode(lastKey!, listVersion);
            metadata["remainingItemCount"] = more;
        }

        return (new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray(page.ToArray<JsonNode>()),
        }, null);
    }

    private static string Encode(string lastKey, string resourceVersion)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = long.Parse(resourceVersion, System.Globalization.CultureInfo.InvariantCulture), ["start"] = lastKey + "\u0000" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (string After, string ResourceVersion)? Decode(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64))) as JsonObject;
            if (json?["v"]?.GetValue<string>() != "meta.k8s.io/v1" || json["start"]?.GetValue<string>() is not { Length: > 0 } start || json["rv"] is null)
            {
                return null;
            }

            return (start.TrimEnd('\u0000'), json["rv"]!.ToJsonString());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
