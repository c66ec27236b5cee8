using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Sharding;

namespace Migrator.Application;

/// <summary>
/// What one shard job did: the shard as it stood when taken, whether this job stored it (false: it was finished
/// already), what it collected, and the run when this shard's commit completed it.
/// </summary>
public sealed record ShardOutcome(InventoryShard Shard, bool Stored, int Clusters, int ServiceAccounts, string? Error, RunSummary? CompletedRun, TimeSpan Elapsed);
