using Migrator.Core.Planning;

namespace Migrator.Application;

/// <summary>What the planning stage did: the plan it made and stored (plan mode: nothing in the estate changed).</summary>
public sealed record PlanOutcome(MigrationPlan Plan)
{
    /// <summary>Bindings the canary and wave phases migrate.</summary>
    public int BindingsToMigrate => Plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).Sum(p => p.Bindings.Count);
}
