namespace Migrator.Core.Inventory;

/// <summary>One stored inventory run, as `runs list` shows it.</summary>
public sealed record RunSummary
{
    public required long RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public RunStatus Status { get; init; }
    /// <summary>The --accounts/--clusters filter of the run; null when it covers the whole estate.</summary>
    public string? Filter { get; init; }
    /// <summary>Complete and of the whole estate: a baseline for progress, drift and reports.</summary>
    public bool IsBaseline => Status == RunStatus.Complete && Filter is null;
    public int Clusters { get; init; }
    public int Bindings { get; init; }
    public int Pods { get; init; }
    public int Roles { get; init; }
    public int Associations { get; init; }
    public int Errors { get; init; }
}
