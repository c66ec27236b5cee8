namespace Migrator.Core.Trust;

/// <summary>The decision for one request: allowed or not, each statement's part in it, and a one-line summary.</summary>
public sealed class TrustDecision
{
    public required TrustRequest Request { get; init; }
    public required bool Allowed { get; init; }
    public required IReadOnlyList<StatementExplanation> Statements { get; init; }
    public required string Summary { get; init; }
}
