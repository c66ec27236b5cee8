using Migrator.Core.Inventory;

namespace Migrator.Core.Progress;

/// <summary>
/// One identity's membership of the migration scope, from the run it counts from until the run it stops counting at
/// (removed: <see cref="UntilRunId"/>, exclusive). An identity removed and added again has one membership per period.
/// </summary>
public sealed record ScopeMember
{
    public required BindingKey Key { get; init; }
    public required ScopeOrigin Origin { get; init; }
    /// <summary>The plan that planned it (Planned, or Added with --plan); null otherwise.</summary>
    public string? PlanId { get; init; }
    /// <summary>The first inventory run whose progress counts it.</summary>
    public required long FromRunId { get; init; }
    public required DateTimeOffset AddedAt { get; init; }
    public required string AddedBy { get; init; }
    public DateTimeOffset? RemovedAt { get; init; }
    public string? RemovedBy { get; init; }
    public string? RemovalReason { get; init; }
    /// <summary>The first run that no longer counts it (the latest run when it was removed); null while a member.</summary>
    public long? UntilRunId { get; init; }

    public bool IsActive => RemovedAt is null;

    /// <summary>Whether the progress of a run counts this membership.</summary>
    public bool CountsIn(long runId) => FromRunId <= runId && (UntilRunId is null || runId < UntilRunId);
}
