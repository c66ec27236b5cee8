using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Sharding;

namespace Migrator.Core.Ports;

/// <summary>
/// The shards of sharded inventory runs. A shard's rows and its completion are committed together, once: a job re-run
/// after its worker died (or run twice) finds the shard finished and stores nothing. The commit of the last shard
/// completes the run.
/// </summary>
public interface IInventoryShardStore
{
    /// <summary>A new run (status Running) with its shards (status Pending); returns the run id.</summary>
    Task<long> BeginShardedRunAsync(DateTimeOffset startedAt, IReadOnlyList<InventoryShard> shards, CancellationToken ct);

    /// <summary>
    /// Takes a shard for a worker: Pending (or Running, when the job is re-run because its worker died) becomes Running
    /// with the worker recorded. Null when the run or shard does not exist.
    /// </summary>
    Task<InventoryShard?> ClaimShardAsync(long runId, int shard, string worker, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Stores a shard's parts and marks it Done (Failed when <paramref name="error"/> is given, with that error also
    /// stored as the run's collection error) in one transaction, unless it is finished already. The last shard's commit
    /// completes the run.
    /// </summary>
    Task<ShardCommit> CommitShardAsync(long runId, int shard, IReadOnlyList<InventoryPart> parts, string? error, DateTimeOffset now, CancellationToken ct);

    /// <summary>Gives a Running shard back (its worker is stopping): Pending again, for another job to take.</summary>
    Task ReleaseShardAsync(long runId, int shard, CancellationToken ct);

    /// <summary>The shards of a run in order; empty for a run not sharded.</summary>
    Task<IReadOnlyList<InventoryShard>> ShardsAsync(long runId, CancellationToken ct);
}

/// <summary>What a shard commit did: stored (false when the shard was finished already) and, when it was the last, the completed run.</summary>
public sealed record ShardCommit(bool Stored, RunSummary? CompletedRun);
