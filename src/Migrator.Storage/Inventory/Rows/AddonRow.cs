using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class AddonRow : ClusterScopedRow
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public string Status { get; set; } = "";
    public string? ServiceAccountRoleArn { get; set; }
    public string PodIdentityAssociationArns { get; set; } = "[]";
    public string OwnedServiceAccounts { get; set; } = "[]";

    public static AddonRow From(AddonRecord a)
    {
        var row = new AddonRow
        {
            Name = a.Name,
            Version = a.Version,
            Status = a.Status,
            ServiceAccountRoleArn = a.ServiceAccountRoleArn,
            PodIdentityAssociationArns = StorageFormat.ToJson(a.PodIdentityAssociationArns),
            OwnedServiceAccounts = StorageFormat.ToJson(a.OwnedServiceAccounts),
        };
        row.SetCluster(a.Cluster);
        return row;
    }

    public AddonRecord ToRecord() => new()
    {
        Cluster = ClusterRef,
        Name = Name,
        Version = Version,
        Status = Status,
        ServiceAccountRoleArn = ServiceAccountRoleArn,
        PodIdentityAssociationArns = StorageFormat.List(PodIdentityAssociationArns),
        OwnedServiceAccounts = StorageFormat.List(OwnedServiceAccounts),
    };
}
