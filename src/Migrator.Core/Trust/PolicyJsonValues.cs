using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>Small readers of policy JSON values shared by the statement, principal and condition readers.</summary>
internal static class PolicyJsonValues
{
    internal static List<string>? Strings(PolicyNode node, string what, List<TrustPolicyError> errors)
    {
        switch (node)
        {
            case PolicyString t:
                return [t.Value];
            case PolicyArray { Items.Count: > 0 } list when list.Items.All(i => i is PolicyString):
                return list.Items.Select(i => ((PolicyString)i).Value).ToList();
            case PolicyArray { Items.Count: 0 }:
                errors.Add(At(node, $"{what} is an empty array; give at least one value"));
                return null;
            default:
                errors.Add(At(node, $"{what} must be a string or an array of strings"));
                return null;
        }
    }

    internal static IEnumerable<(string Value, PolicyNode Node)> Pair(PolicyNode node, IReadOnlyList<string>? values)
    {
        if (values is null)
            yield break;
        if (node is PolicyArray list)
        {
            for (var i = 0; i < values.Count && i < list.Items.Count; i++)
                yield return (values[i], list.Items[i]);
        }
        else if (values.Count == 1)
        {
            yield return (values[0], node);
        }
    }

    internal static string CaseHint(string name, IEnumerable<string> known)
    {
        var match = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? "" : $" (element names are case-sensitive: write \"{match}\")";
    }

    internal static string Show(PolicyNode node) => node switch
    {
        PolicyString t => $"\"{t.Value}\"",
        PolicyLiteral l => l.Raw,
        PolicyArray => "an array",
        _ => "an object",
    };

    internal static TrustPolicyError At(PolicyNode node, string message) => new(message, node.Line, node.Column);
    internal static TrustPolicyError At(PolicyProperty prop, string message) => new(message, prop.Line, prop.Column);
}
