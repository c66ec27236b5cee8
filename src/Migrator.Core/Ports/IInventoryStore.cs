using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>Run history: one stored snapshot per inventory run.</summary>
public interface IInventoryStore
{
    /// <summary>Stores the snapshot as a new run (its RunId is ignored) and returns the new run id.</summary>
    Task<long> SaveSnapshotAsync(InventorySnapshot snapshot, CancellationToken ct);

    /// <summary>The snapshot of a run, the latest run when <paramref name="runId"/> is null; null when there is none.</summary>
    Task<InventorySnapshot?> LoadSnapshotAsync(long? runId, CancellationToken ct);

    /// <summary>Every stored run, newest first.</summary>
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken ct);
}
