namespace Migrator.Core.Inventory.Collection;

/// <summary>Where a run stands: what the CLI's status line shows.</summary>
public sealed record InventoryProgress(string Phase, int ClustersDone, int ClustersTotal, long ApiCalls, int Errors, string? LastEvent = null);
