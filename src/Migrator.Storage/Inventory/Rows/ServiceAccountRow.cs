using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class ServiceAccountRow : ClusterScopedRow
{
    public string Namespace { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The role-arn annotation's raw value, duplicated out of the JSON for queries.</summary>
    public string? RoleArn { get; set; }
    public string Annotations { get; set; } = "{}";
    public string Labels { get; set; } = "{}";
    public string? ResourceVersion { get; set; }
    public string? AnnotationChangedAt { get; set; }
    public string? Owner { get; set; }

    public static ServiceAccountRow From(ServiceAccountRecord s)
    {
        var row = new ServiceAccountRow
        {
            Namespace = s.Namespace,
            Name = s.Name,
            RoleArn = s.RoleArn,
            Annotations = StorageFormat.ToJson(s.Annotations),
            Labels = StorageFormat.ToJson(s.Labels),
            ResourceVersion = s.ResourceVersion,
            AnnotationChangedAt = StorageFormat.Time(s.AnnotationChangedAt),
            Owner = StorageFormat.Owner(s.Owner),
        };
        row.SetCluster(s.Cluster);
        return row;
    }

    public ServiceAccountRecord ToRecord() => new()
    {
        Cluster = ClusterRef,
        Namespace = Namespace,
        Name = Name,
        Annotations = StorageFormat.Map(Annotations),
        Labels = StorageFormat.Map(Labels),
        ResourceVersion = ResourceVersion,
        AnnotationChangedAt = StorageFormat.ParseTimeOrNull(AnnotationChangedAt),
        Owner = StorageFormat.ParseOwner(Owner),
    };
}
