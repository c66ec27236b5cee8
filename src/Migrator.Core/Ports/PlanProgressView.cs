namespace Migrator.Core.Ports;

/// <summary>
/// The report's view of a migration plan and its execution journal: small and stable, so the report does not depend
/// on the planner's internal shape. The plan/journal stores map their records into it.
/// </summary>
public sealed record PlanProgressView
{
    public required string PlanId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Draft, Approved, Running, Paused, Completed, RolledBack...</summary>
    public required string Status { get; init; }
    public IReadOnlyList<PhaseProgressView> Phases { get; init; } = [];
    public IReadOnlyList<JournalEntryView> Journal { get; init; } = [];
}

/// <summary>One plan phase (e.g. "canary: dev clusters") and how far its steps got.</summary>
public sealed record PhaseProgressView(
    int Order,
    string Name,
    string Status,
    int TotalSteps,
    int SucceededSteps,
    int FailedSteps,
    int RolledBackSteps,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>One journal entry: an action taken (or attempted) against the estate.</summary>
public sealed record JournalEntryView(
    DateTimeOffset At,
    string Phase,
    string Binding,
    string Action,
    string Outcome,
    string? Message);
