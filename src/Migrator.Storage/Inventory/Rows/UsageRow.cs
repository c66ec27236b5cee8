using Migrator.Core.Evidence;
using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

/// <summary>One identity's recorded credential uses (migration 008).</summary>
public sealed class UsageRow : SnapshotRow
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public string? RoleArn { get; set; }
    public string WindowStart { get; set; } = "";
    public string WindowEnd { get; set; } = "";
    public string? LastIrsaAt { get; set; }
    public string? LastIrsaSource { get; set; }
    public long IrsaCount { get; set; }
    public string? LastPodIdentityAt { get; set; }
    public string? LastPodIdentitySource { get; set; }
    public long PodIdentityCount { get; set; }
    public string? Error { get; set; }

    public static UsageRow From(IdentityUsage u) => new()
    {
        AccountId = u.Key.Cluster.AccountId,
        Region = u.Key.Cluster.Region,
        Cluster = u.Key.Cluster.Name,
        Namespace = u.Key.Namespace,
        ServiceAccount = u.Key.ServiceAccount,
        RoleArn = u.RoleArn,
        WindowStart = StorageFormat.Time(u.WindowStart),
        WindowEnd = StorageFormat.Time(u.WindowEnd),
        LastIrsaAt = u.LastIrsaAt is { } irsa ? StorageFormat.Time(irsa) : null,
        LastIrsaSource = u.LastIrsaSource,
        IrsaCount = u.IrsaCount,
        LastPodIdentityAt = u.LastPodIdentityAt is { } pi ? StorageFormat.Time(pi) : null,
        LastPodIdentitySource = u.LastPodIdentitySource,
        PodIdentityCount = u.PodIdentityCount,
        Error = u.Error,
    };

    public IdentityUsage ToRecord() => new()
    {
        Key = new BindingKey(new ClusterRef(AccountId, Region, Cluster), Namespace, ServiceAccount),
        RoleArn = RoleArn,
        WindowStart = StorageFormat.ParseTime(WindowStart),
        WindowEnd = StorageFormat.ParseTime(WindowEnd),
        LastIrsaAt = StorageFormat.ParseTimeOrNull(LastIrsaAt),
        LastIrsaSource = LastIrsaSource,
        IrsaCount = (int)IrsaCount,
        LastPodIdentityAt = StorageFormat.ParseTimeOrNull(LastPodIdentityAt),
        LastPodIdentitySource = LastPodIdentitySource,
        PodIdentityCount = (int)PodIdentityCount,
        Error = Error,
    };
}
