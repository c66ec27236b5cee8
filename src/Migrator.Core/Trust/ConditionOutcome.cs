namespace Migrator.Core.Trust;

/// <summary>Whether one condition clause holds for a request, and why, in words.</summary>
public sealed record ConditionOutcome(bool Holds, string Explanation);
