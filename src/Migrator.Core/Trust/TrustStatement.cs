namespace Migrator.Core.Trust;

/// <summary>One statement of a trust policy. <see cref="Number"/> is 1-based, as people count statements.</summary>
public sealed class TrustStatement
{
    public required int Number { get; init; }
    public string? Sid { get; init; }
    public required PolicyEffect Effect { get; init; }
    /// <summary>Who the statement names: Principal, or NotPrincipal when <see cref="IsNotPrincipal"/>.</summary>
    public required PrincipalSet Principals { get; init; }
    public bool IsNotPrincipal { get; init; }
    /// <summary>Action, or NotAction when <see cref="IsNotAction"/>; may hold wildcards.</summary>
    public required IReadOnlyList<string> Actions { get; init; }
    public bool IsNotAction { get; init; }
    public IReadOnlyList<ConditionClause> Conditions { get; init; } = [];
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>"statement 2 (Sid EksCluster2)" — how explanations name a statement.</summary>
    public string Label => _label ??= Sid is { Length: > 0 } ? $"statement {Number} (Sid {Sid})" : $"statement {Number}";

    // Every evaluation explains each statement by its label: made once (the statement is immutable).
    private string? _label;
}
