using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

/// <summary>A row of a snapshot table: the run it belongs to and its position in the snapshot's list.</summary>
public abstract class SnapshotRow
{
    public long RunId { get; set; }
    public long Seq { get; set; }
}

/// <summary>A snapshot row that belongs to one cluster (ACCOUNT, REGION, NAME).</summary>
public abstract class ClusterScopedRow : SnapshotRow
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cluster { get; set; } = "";

    protected void SetCluster(ClusterRef cluster)
    {
        AccountId = cluster.AccountId;
        Region = cluster.Region;
        Cluster = cluster.Name;
    }

    protected ClusterRef ClusterRef => new(AccountId, Region, Cluster);
}
