using System.Globalization;
using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>The JSON patch document could not be applied; the API server answers 422 (or 400 for a malformed one).</summary>
public sealed class PatchException(string message) : Exception(message);

/// <summary>JSON patch (RFC 6902, application/json-patch+json): add, remove, replace, move, copy, test.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var root = new JsonObject { ["r"] = target.DeepClone() };
        foreach (var op in operations)
        {
            if (op is not JsonObject o || o["op"]?.GetValue<string>() is not { } name || o["path"]?.GetValue<string>() is not { } path)
            {
                throw new PatchException("json patch operation needs 'op' and 'path'");
            }

            switch (name)
            {
                case "add":
                    Add(root, path, Required(o, "value").DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Required(o, "value").DeepClone());
                    break;
                case "move":
                    var moved = Get(root, From(o));
                    Remove(root, From(o));
                    Add(root, path, moved!.DeepClone());
                    break;
                case "copy":
                    Add(root, path, Get(root, From(o))!.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), o["value"]))
                    {
                        throw new PatchException($"testing value {path} failed");
                    }

                    break;
                default:
                    throw new PatchException($"Unexpected kind: {name}");
            }
        }

        return root["r"]!;
    }

    private static JsonNode Required(JsonObject op, string key) =>
        op.TryGetPropertyValue(key, out var v) && v is not null ? v : throw new PatchException($"json patch operation needs '{key}'");

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw new PatchException("json patch operation needs 'from'");

    private static (JsonNode Parent, string Key) Locate(JsonObject root, string path)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw new PatchException($"path {path} must start with /");
        }

        var tokens = path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        var key = "r";
        foreach (var token in tokens)
        {
            parent = Child(parent, key) ?? throw new PatchException($"doc is missing path: {path}");
            key = token;
        }

        return (parent, key);
    }

    private static JsonNode? Child(JsonNode parent, string key) => parent switch
    {
        JsonObject o => o[key],
        JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, key) = Locate(root, path);
        return parent switch
        {
            JsonObject o when o.ContainsKey(key) => o[key],
            JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
            _ => throw new PatchException($"doc is missing path: {path}"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode value)
    {
        var (parent, key) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[key] = value;
                break;
            case JsonArray a when key == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new PatchException($"doc is missing path: {path}");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, key) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(key):
                o.Remove(key);
                break;
            case JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw new PatchException($"doc is missing path: {path}");
        }
    }
}
