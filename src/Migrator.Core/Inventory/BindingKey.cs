namespace Migrator.Core.Inventory;

/// <summary>One IRSA binding's identity: a ServiceAccount in a namespace of a cluster.</summary>
public sealed record BindingKey(ClusterRef Cluster, string Namespace, string ServiceAccount)
{
    /// <summary>CLUSTER/NAMESPACE/SERVICEACCOUNT as the CLI accepts it (cluster by name).</summary>
    public string Display => $"{Cluster.Name}/{Namespace}/{ServiceAccount}";

    public override string ToString() => $"{Cluster.Key}/{Namespace}/{ServiceAccount}";
}
