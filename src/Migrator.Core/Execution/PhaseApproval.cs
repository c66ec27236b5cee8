namespace Migrator.Core.Execution;

/// <summary>A recorded approval: nothing in a phase mutates without one.</summary>
public sealed record PhaseApproval(string PlanId, int Phase, string ApprovedBy, DateTimeOffset ApprovedAt);
