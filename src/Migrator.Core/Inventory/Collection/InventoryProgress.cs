namespace Migrator.Core.Inventory.Collection;

/// <summary>Where a run stands: what the CLI's status line shows.</summary>
/// <param name="Unit">What <paramref name="ClustersDone"/> of <paramref name="ClustersTotal"/> counts: clusters, or the CloudTrail sweeps after them.</param>
public sealed record InventoryProgress(string Phase, int ClustersDone, int ClustersTotal, long ApiCalls, int Errors, string? LastEvent = null, string Unit = "clusters");
