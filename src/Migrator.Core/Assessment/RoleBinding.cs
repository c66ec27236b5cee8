using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>An IRSA binding seen from its role: the ServiceAccount (cluster, namespace, name) and the raw role-arn annotation.</summary>
public sealed record RoleBinding(ClusterRef Cluster, string Namespace, string Name, string RoleArn)
{
    public BindingKey Key => new(Cluster, Namespace, Name);

    public static RoleBinding Of(ServiceAccountRecord s) => new(s.Cluster, s.Namespace, s.Name, s.RoleArn!);
}
