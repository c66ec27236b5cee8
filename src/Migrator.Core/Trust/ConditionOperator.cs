using Migrator.Core.Text;

namespace Migrator.Core.Trust;

/// <summary>A condition operator as written, e.g. <c>ForAnyValue:StringLikeIfExists</c>, decomposed.</summary>
public sealed record ConditionOperator(string Name, ConditionOperatorKind Kind, bool IfExists, SetQualifier Qualifier)
{
    /// <summary>Operators whose match is "the value matches none of the policy values" (evaluated as NOR).</summary>
    public bool IsNegated => Kind is ConditionOperatorKind.StringNotEquals or ConditionOperatorKind.StringNotEqualsIgnoreCase
        or ConditionOperatorKind.StringNotLike or ConditionOperatorKind.NumericNotEquals or ConditionOperatorKind.DateNotEquals
        or ConditionOperatorKind.NotIpAddress or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnNotLike;

    public static IReadOnlyList<string> KnownNames { get; } = Enum.GetNames<ConditionOperatorKind>();

    /// <summary>
    /// Reads an operator name. Names are matched exactly (case-sensitive) as the policy grammar writes them.
    /// Null takes neither IfExists nor a set prefix: it already tests presence.
    /// </summary>
    public static ConditionOperator? TryParse(string name, out string? error)
    {
        error = null;
        var rest = name;
        var qualifier = SetQualifier.None;
        if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        var ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal) && rest.Length > "IfExists".Length;
        if (ifExists)
            rest = rest[..^"IfExists".Length];
        if (!Enum.TryParse<ConditionOperatorKind>(rest, ignoreCase: false, out var kind) || !KnownNames.Contains(rest, StringComparer.Ordinal))
        {
            error = $"unknown condition operator \"{name}\"{Suggest(rest)}";
            return null;
        }
        if (kind == ConditionOperatorKind.Null && (ifExists || qualifier != SetQualifier.None))
        {
            error = $"unknown condition operator \"{name}\": Null takes neither an IfExists suffix nor a ForAnyValue:/ForAllValues: prefix";
            return null;
        }
        return new ConditionOperator(name, kind, ifExists, qualifier);
    }

    private static string Suggest(string attempted)
    {
        var best = KnownNames
            .Select(n => (Name: n, Distance: Levenshtein.Distance(n.ToLowerInvariant(), attempted.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .First();
        return best.Distance <= 3 ? $"; did you mean \"{best.Name}\"?" : "; operators are case-sensitive, e.g. StringEquals, StringLike, ArnLike, Bool, Null";
    }

    public override string ToString() => Name;
}
