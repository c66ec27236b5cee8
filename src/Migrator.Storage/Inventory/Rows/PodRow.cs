using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class PodRow : ClusterScopedRow
{
    public string Namespace { get; set; } = "";
    public string Name { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public string? NodeName { get; set; }
    public string Placement { get; set; } = "";
    public string? OwnerKind { get; set; }
    public string? OwnerName { get; set; }
    public string CredentialMode { get; set; } = "";
    public string? InjectedRoleArn { get; set; }
    public long PodIdentityLabel { get; set; }
    public string Images { get; set; } = "[]";
    public string? StartedAt { get; set; }

    public static PodRow From(PodRecord p)
    {
        var row = new PodRow
        {
            Namespace = p.Namespace,
            Name = p.Name,
            ServiceAccount = p.ServiceAccountName,
            NodeName = p.NodeName,
            Placement = p.Placement.ToString(),
            OwnerKind = p.OwnerKind?.ToString(),
            OwnerName = p.OwnerName,
            CredentialMode = p.CredentialMode.ToString(),
            InjectedRoleArn = p.InjectedRoleArn,
            PodIdentityLabel = p.PodIdentityLabel ? 1 : 0,
            Images = StorageFormat.ToJson(p.Images),
            StartedAt = StorageFormat.Time(p.StartedAt),
        };
        row.SetCluster(p.Cluster);
        return row;
    }

    public PodRecord ToRecord() => new()
    {
        Cluster = ClusterRef,
        Namespace = Namespace,
        Name = Name,
        ServiceAccountName = ServiceAccount,
        NodeName = NodeName,
        Placement = StorageFormat.Enum<Placement>(Placement),
        OwnerKind = OwnerKind is null ? null : StorageFormat.Enum<WorkloadKind>(OwnerKind),
        OwnerName = OwnerName,
        CredentialMode = StorageFormat.Enum<CredentialMode>(CredentialMode),
        InjectedRoleArn = InjectedRoleArn,
        PodIdentityLabel = PodIdentityLabel != 0,
        Images = StorageFormat.List(Images),
        StartedAt = StorageFormat.ParseTimeOrNull(StartedAt),
    };
}
