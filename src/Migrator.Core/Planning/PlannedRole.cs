namespace Migrator.Core.Planning;

/// <summary>A role the plan edits, with its trust policy as the inventory read it (the drift guard's reference).</summary>
public sealed record PlannedRole(string Arn, string AccountId, string Name, string? TrustPolicyAtPlanning);
