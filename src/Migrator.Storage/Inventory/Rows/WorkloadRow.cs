using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class WorkloadRow : ClusterScopedRow
{
    public string Namespace { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public long Replicas { get; set; }
    public long ReadyReplicas { get; set; }
    public string TemplatePlacement { get; set; } = "";
    public string Images { get; set; } = "[]";
    public string HardCodedAwsEnv { get; set; } = "[]";

    public static WorkloadRow From(WorkloadRecord w)
    {
        var row = new WorkloadRow
        {
            Namespace = w.Namespace,
            Kind = w.Kind.ToString(),
            Name = w.Name,
            ServiceAccount = w.ServiceAccountName,
            Replicas = w.Replicas,
            ReadyReplicas = w.ReadyReplicas,
            TemplatePlacement = w.TemplatePlacement.ToString(),
            Images = StorageFormat.ToJson(w.Images),
            HardCodedAwsEnv = StorageFormat.ToJson(w.HardCodedAwsEnv),
        };
        row.SetCluster(w.Cluster);
        return row;
    }

    public WorkloadRecord ToRecord() => new()
    {
        Cluster = ClusterRef,
        Namespace = Namespace,
        Kind = StorageFormat.Enum<WorkloadKind>(Kind),
        Name = Name,
        ServiceAccountName = ServiceAccount,
        Replicas = (int)Replicas,
        ReadyReplicas = (int)ReadyReplicas,
        TemplatePlacement = StorageFormat.Enum<Placement>(TemplatePlacement),
        Images = StorageFormat.List(Images),
        HardCodedAwsEnv = StorageFormat.List(HardCodedAwsEnv),
    };
}
