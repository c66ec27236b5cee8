using Migrator.Core.Inventory;

namespace Migrator.Application;

/// <summary>
/// What the inventory stage did: the run as stored (<see cref="Summary"/>: its counts and status), the run as collected
/// without its pods and workloads (<see cref="Snapshot"/>, which were stored cluster by cluster and let go), and how long
/// collecting and storing took.
/// </summary>
public sealed record InventoryOutcome(InventorySnapshot Snapshot, RunSummary Summary, TimeSpan Elapsed)
{
    public long RunId => Summary.RunId;
    public RunStatus Status => Summary.Status;
}
