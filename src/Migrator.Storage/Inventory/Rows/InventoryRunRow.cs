using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class InventoryRunRow
{
    public long RunId { get; set; }
    public string StartedAt { get; set; } = "";
    public string? CompletedAt { get; set; }
    public string Status { get; set; } = "";
    public long ClusterCount { get; set; }
    public long BindingCount { get; set; }
    public long PodCount { get; set; }
    public long RoleCount { get; set; }
    public long AssociationCount { get; set; }
    public long ErrorCount { get; set; }
    public string? Filter { get; set; }

    public static InventoryRunRow From(InventorySnapshot s) => new()
    {
        StartedAt = StorageFormat.Time(s.StartedAt),
        CompletedAt = StorageFormat.Time(s.CompletedAt),
        Status = s.Status.ToString(),
        ClusterCount = s.Clusters.Count,
        BindingCount = s.IrsaBindings.Count(),
        PodCount = s.Pods.Count,
        RoleCount = s.Roles.Count,
        AssociationCount = s.Associations.Count,
        ErrorCount = s.Errors.Count,
        Filter = s.Filter,
    };

    public RunSummary ToSummary() => new()
    {
        RunId = RunId,
        StartedAt = StorageFormat.ParseTime(StartedAt),
        CompletedAt = StorageFormat.ParseTimeOrNull(CompletedAt),
        Status = StorageFormat.Enum<RunStatus>(Status),
        Clusters = (int)ClusterCount,
        Bindings = (int)BindingCount,
        Pods = (int)PodCount,
        Roles = (int)RoleCount,
        Associations = (int)AssociationCount,
        Errors = (int)ErrorCount,
        Filter = Filter,
    };
}
