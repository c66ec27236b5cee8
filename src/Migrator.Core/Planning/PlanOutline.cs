namespace Migrator.Core.Planning;

/// <summary>
/// A plan's phases without their bindings and step details: what progress reporting needs (the journal is matched by
/// step id). Loading it from the store skips parsing every step of a large plan.
/// </summary>
public sealed record PlanOutline(string PlanId, long RunId, DateTimeOffset CreatedAt, IReadOnlyList<PhaseOutline> Phases)
{
    public static PlanOutline Of(MigrationPlan plan) => new(plan.Id, plan.RunId, plan.CreatedAt,
        plan.Phases.Select(PhaseOutline.Of).ToList());
}

/// <summary>
/// One phase of a <see cref="PlanOutline"/>: its number, kind, title and the ids of its steps in order, and how many
/// steps it has (an outline read without step ids, <see cref="Ports.IPlanStore.LoadPhasesAsync"/>, has the count only).
/// </summary>
public sealed record PhaseOutline(int Number, PhaseKind Kind, string Title, IReadOnlyList<string> StepIds)
{
    public int StepCount { get; init; } = StepIds.Count;

    public static PhaseOutline Of(Phase phase) => new(phase.Number, phase.Kind, phase.Title, phase.Steps.Select(s => s.Id).ToList());
}
