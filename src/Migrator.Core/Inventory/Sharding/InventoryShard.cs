namespace Migrator.Core.Inventory.Sharding;

/// <summary>
/// One shard of a sharded inventory run: an account and region collected by one job that any clustered worker may take.
/// The account's first region (in order) also reads what belongs to the account rather than a region (its IAM OIDC
/// providers), so they are read once.
/// </summary>
public sealed record InventoryShard
{
    public required int Index { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    /// <summary>Reads the account's account-level data (IAM OIDC providers) besides the region's clusters.</summary>
    public bool AccountLevel { get; init; }
    public ShardStatus Status { get; init; }
    /// <summary>The worker (Quartz scheduler instance) that took it last.</summary>
    public string? Worker { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Why the shard failed as a whole (its clusters' own errors are the run's collection errors).</summary>
    public string? Error { get; init; }

    public string Key => $"{AccountId}/{Region}";
    public bool Finished => Status is ShardStatus.Done or ShardStatus.Failed;
}

public enum ShardStatus
{
    Pending = 0,
    Running,
    Done,
    Failed,
}
