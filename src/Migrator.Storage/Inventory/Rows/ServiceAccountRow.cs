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

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

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

    /// <param name="withLabels">False: the labels are left out (empty), for readers that do not look at them.</param>
    /// <param name="maps">Shares one annotation map between the ServiceAccounts of one load that carry the same annotations.</param>
    public ServiceAccountRecord ToRecord(bool withLabels = true, SharedMaps? maps = null) => new()
    {
        Cluster = ClusterRef,
        Namespace = Namespace,
        Name = Name,
        Annotations = maps is null ? StorageFormat.Map(Annotations) : maps.Map(Annotations),
        Labels = withLabels ? StorageFormat.Map(Labels) : Empty,
        ResourceVersion = ResourceVersion,
        AnnotationChangedAt = StorageFormat.ParseTimeOrNull(AnnotationChangedAt),
        Owner = StorageFormat.ParseOwner(Owner),
    };
}
