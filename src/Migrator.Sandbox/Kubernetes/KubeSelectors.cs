using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// fieldSelector (<c>a.b=v</c>, <c>a.b==v</c>, <c>a.b!=v</c>) and labelSelector (equality, existence, <c>in</c>/<c>notin</c>)
/// evaluated on the rendered object, as the API server filters list results.
/// </summary>
public sealed partial class KubeSelectors
{
    private readonly List<Func<JsonObject, bool>> predicates = [];

    public bool IsEmpty => predicates.Count == 0;

    /// <summary>Parses both selectors; returns an error message for a malformed one.</summary>
    public static (KubeSelectors? Selectors, string? Error) Parse(string? fieldSelector, string? labelSelector)
    {
        var s = new KubeSelectors();
        foreach (var term in Split(fieldSelector))
        {
            var m = FieldTerm().Match(term);
            if (!m.Success)
            {
                return (null, $"invalid field selector: '{term}'");
            }

            var path = m.Groups["path"].Value.Split('.');
            var value = m.Groups["value"].Value;
            var negate = m.Groups["op"].Value == "!=";
            s.predicates.Add(o => (FieldValue(o, path) == value) != negate);
        }

        foreach (var term in Split(labelSelector))
        {
            var predicate = LabelPredicate(term);
            if (predicate is null)
            {
                return (null, $"unable to parse requirement: found '{term}', expected: in, notin, =, ==, !=, gt, lt");
            }

            s.predicates.Add(o => predicate(o["metadata"]?["labels"] as JsonObject));
        }

        return (s, null);
    }

    public bool Matches(JsonObject o) => predicates.All(p => p(o));

    private static Func<JsonObject?, bool>? LabelPredicate(string term)
    {
        var set = SetTerm().Match(term);
        if (set.Success)
        {
            var key = set.Groups["key"].Value;
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var notIn = set.Groups["op"].Value == "notin";
            return labels => (labels?[key]?.GetValue<string>() is { } v && values.Contains(v)) != notIn;
        }

        var eq = LabelTerm().Match(term);
        if (eq.Success)
        {
            var key = eq.Groups["key"].Value;
            var value = eq.Groups["value"].Value;
            var negate = eq.Groups["op"].Value == "!=";
            return labels => (labels?[key]?.GetValue<string>() == value) != negate;
        }

        var exists = ExistsTerm().Match(term);
        if (exists.Success)
        {
            var key = exists.Groups["key"].Value;
            var negate = exists.Groups["not"].Success;
            return labels => (labels?.ContainsKey(key) ?? false) != negate;
        }

        return null;
    }

    private static string? FieldValue(JsonObject o, string[] path)
    {
        JsonNode? node = o;
        foreach (var p in path)
        {
            node = node?[p];
        }

        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    // Terms are comma separated, but commas inside "in (a,b)" belong to the term.
    private static IEnumerable<string> Split(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] == '(' ? 1 : selector[i] == ')' ? -1 : 0;
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i].Trim();
                start = i + 1;
            }
        }

        yield return selector[start..].Trim();
    }

    [GeneratedRegex(@"^(?<path>[A-Za-z0-9.]+)\s*(?<op>==|!=|=)\s*(?<value>[^,]*)$")]
    private static partial Regex FieldTerm();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s*(?<op>==|!=|=)\s*(?<value>[A-Za-z0-9._-]*)$")]
    private static partial Regex LabelTerm();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^(?<not>!)?\s*(?<key>[A-Za-z0-9./_-]+)$")]
    private static partial Regex ExistsTerm();
}
