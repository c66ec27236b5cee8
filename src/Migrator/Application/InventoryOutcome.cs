using Migrator.Core.Inventory;

namespace Migrator.Application;

/// <summary>What the inventory stage did: the snapshot it stored (carrying its new run id) and how long collecting and storing took.</summary>
public sealed record InventoryOutcome(InventorySnapshot Snapshot, TimeSpan Elapsed)
{
    public long RunId => Snapshot.RunId;
    public RunStatus Status => Snapshot.Status;
}
