namespace Migrator.Core.Trust;

/// <summary>Whether the trust policy lets the service account assume the role through IRSA, and why.</summary>
public sealed class IrsaDecision
{
    public required IrsaRequest Request { get; init; }
    public required bool Allowed { get; init; }
    public required IReadOnlyList<StatementExplanation> Statements { get; init; }
    public required string Summary { get; init; }
}
