namespace Migrator.Core.Execution;

/// <summary>A recorded approval: nothing in a phase mutates without one.</summary>
/// <param name="ForceDirect">
/// Owners ("terraform", "helm:RELEASE") or bindings ("CLUSTER/NS/SA", or the full key) whose change-set steps the
/// approver had run directly in this phase (<see cref="Ownership.DirectOverride"/>).
/// </param>
public sealed record PhaseApproval(string PlanId, int Phase, string ApprovedBy, DateTimeOffset ApprovedAt, IReadOnlyList<string>? ForceDirect = null)
{
    public IReadOnlyList<string> ForcedDirect => ForceDirect ?? [];
}
