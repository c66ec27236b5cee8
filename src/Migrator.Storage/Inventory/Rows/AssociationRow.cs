using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class AssociationRow : ClusterScopedRow
{
    public string AssociationId { get; set; } = "";
    public string AssociationArn { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public string RoleArn { get; set; } = "";
    public string? TargetRoleArn { get; set; }
    public long DisableSessionTags { get; set; }
    public string? OwnerArn { get; set; }
    public string? CreatedAt { get; set; }

    public static AssociationRow From(AssociationRecord a)
    {
        var row = new AssociationRow
        {
            AssociationId = a.AssociationId,
            AssociationArn = a.AssociationArn,
            Namespace = a.Namespace,
            ServiceAccount = a.ServiceAccount,
            RoleArn = a.RoleArn,
            TargetRoleArn = a.TargetRoleArn,
            DisableSessionTags = a.DisableSessionTags ? 1 : 0,
            OwnerArn = a.OwnerArn,
            CreatedAt = StorageFormat.Time(a.CreatedAt),
        };
        row.SetCluster(a.Cluster);
        return row;
    }

    public AssociationRecord ToRecord() => new()
    {
        Cluster = ClusterRef,
        AssociationId = AssociationId,
        AssociationArn = AssociationArn,
        Namespace = Namespace,
        ServiceAccount = ServiceAccount,
        RoleArn = RoleArn,
        TargetRoleArn = TargetRoleArn,
        DisableSessionTags = DisableSessionTags != 0,
        OwnerArn = OwnerArn,
        CreatedAt = StorageFormat.ParseTimeOrNull(CreatedAt),
    };
}
