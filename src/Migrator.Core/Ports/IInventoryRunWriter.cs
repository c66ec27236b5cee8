using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>
/// A run stored in parts as it is collected, so the tool never holds a whole estate: begun (status Running, invisible to
/// readers of the latest run), appended cluster by cluster, then completed (status and counts from what was stored).
/// A run that stops half-way is marked Interrupted and never read as the latest.
/// </summary>
public interface IInventoryRunWriter
{
    /// <summary>A new run, status Running; returns its id.</summary>
    Task<long> BeginRunAsync(DateTimeOffset startedAt, string? filter, CancellationToken ct);

    /// <summary>Stores one part of a running run (shard 0 for a run not sharded).</summary>
    Task AppendAsync(long runId, InventoryPart part, CancellationToken ct);

    /// <summary>Completes a running run: its counts and status (Complete, Partial or Failed) from the rows stored.</summary>
    Task<RunSummary> CompleteRunAsync(long runId, DateTimeOffset completedAt, CancellationToken ct);

    /// <summary>Marks a run that stopped before completing Interrupted (kept for the record, never read as the latest).</summary>
    Task InterruptRunAsync(long runId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Runs not finished (Running, Interrupted), newest first; 'runs list' shows them apart.</summary>
    Task<IReadOnlyList<RunSummary>> UnfinishedRunsAsync(CancellationToken ct);
}
