using System.Text.Json.Nodes;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// Strategic merge patch (application/strategic-merge-patch+json) for the core and apps kinds served here: like a merge
/// patch, but lists that carry a patchMergeKey in the Kubernetes API (containers and volumes by name, volumeMounts by
/// mountPath...) merge element by element, and the <c>$patch</c>, <c>$deleteFromPrimitiveList</c>,
/// <c>$setElementOrder</c> and <c>$retainKeys</c> directives are honoured.
/// </summary>
public static class StrategicMergePatch
{
    // Field name → patchMergeKey, from the Kubernetes API's x-kubernetes-patch-merge-key markers.
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ports"] = "containerPort",
        ["imagePullSecrets"] = "name",
        ["secrets"] = "name",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["resourceClaims"] = "name",
    };

    // Primitive lists with patchStrategy merge (set union).
    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p)
        {
            return patch?.DeepClone();
        }

        return MergeObject(target as JsonObject, p);
    }

    private static JsonNode? MergeObject(JsonObject? target, JsonObject patch)
    {
        var directive = patch["$patch"]?.GetValue<string>();
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            var replaced = (JsonObject)patch.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }

        var result = target is null ? [] : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key is "$patch" or "$retainKeys" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject vo)
            {
                var merged = MergeObject(result[key] as JsonObject, vo);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray va)
            {
                result[key] = MergeList(key, result[key] as JsonArray, va);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        if (patch.OfType<JsonObject>().Any(o => o["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(o => o["$patch"] is null).Select(o => o.DeepClone()).ToArray());
        }

        if (MergedPrimitiveLists.Contains(field))
        {
            var union = target is null ? [] : (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        if (!MergeKeys.TryGetValue(field, out var mergeKey) || target is null)
        {
            // Atomic list: the patch's list replaces the live one (directive entries dropped).
            return new JsonArray(patch.Where(i => i is not JsonObject o || o["$patch"] is null).Select(i => i?.DeepClone()).ToArray());
        }

        var result = (JsonArray)target.DeepClone();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey];
            var index = IndexOf(result, mergeKey, key);
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                result[index] = MergeObject(result[index] as JsonObject, item);
            }
            else
            {
                result.Add(MergeObject(null, item));
            }
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], key))
            {
                return i;
            }
        }

        return -1;
    }
}
