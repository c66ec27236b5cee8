namespace Migrator.Core.Planning;

/// <summary>
/// The migration plan made from one assessment: phases in order (P0 prerequisites, P1 canary, waves, cleanups),
/// the bindings left out and why, the prerequisite checks, and the trust policies as planned (drift guard).
/// </summary>
public sealed record MigrationPlan
{
    public required string Id { get; init; }
    public required long RunId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required PlanningSettings Settings { get; init; }
    public IReadOnlyList<Phase> Phases { get; init; } = [];
    public IReadOnlyList<ExcludedBinding> Excluded { get; init; } = [];
    public IReadOnlyList<PrerequisiteFinding> Prerequisites { get; init; } = [];
    public IReadOnlyList<PlannedRole> Roles { get; init; } = [];

    public Phase? FindPhase(int number) => Phases.FirstOrDefault(p => p.Number == number);

    public PlannedRole? FindRole(string arn) => Roles.FirstOrDefault(r => r.Arn == arn);

    /// <summary>The migration phase (canary or wave) a binding belongs to, if any.</summary>
    public Phase? MigrationPhaseOf(Inventory.BindingKey key) =>
        Phases.FirstOrDefault(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave && p.Bindings.Any(b => b.Key == key));
}
