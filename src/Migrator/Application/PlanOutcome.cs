using Migrator.Core.Planning;

namespace Migrator.Application;

/// <summary>
/// What the planning stage did: the plan it made and stored (plan mode: nothing in the estate changed), told by its
/// counts; the plan itself is in the state file ('migrator plan show').
/// </summary>
public sealed record PlanOutcome(string PlanId, long RunId, int PhaseCount, int BindingsToMigrate, int Excluded)
{
    public static PlanOutcome Of(PlanDraft plan) => new(plan.Id, plan.Header.RunId, plan.PhaseCount, plan.Migrating.Count, plan.Header.Excluded.Count);
}
