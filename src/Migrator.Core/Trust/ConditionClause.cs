namespace Migrator.Core.Trust;

/// <summary>
/// One key under one operator, e.g. <c>"StringEquals": {"oidc.eks...:sub": ["a", "b"]}</c>. Its values are OR-ed
/// (NOR for negated operators); clauses of a statement are AND-ed. Keys compare case-insensitively, values as written.
/// </summary>
public sealed record ConditionClause(ConditionOperator Operator, string Key, IReadOnlyList<string> Values, int Line = 0, int Column = 0)
{
    public override string ToString() => $"{Operator.Name} {Key} [{string.Join(", ", Values)}]";
}
