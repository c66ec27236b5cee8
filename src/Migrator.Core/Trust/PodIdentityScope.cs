namespace Migrator.Core.Trust;

/// <summary>How narrowly a Pod Identity trust statement is scoped, from exact to none.</summary>
public enum PodIdentityScope
{
    /// <summary>Cluster, namespace and service account: exactly the bindings.</summary>
    ServiceAccount,
    /// <summary>Cluster and namespace: any service account of those namespaces.</summary>
    Namespace,
    /// <summary>Cluster only: any service account of those clusters.</summary>
    Cluster,
    /// <summary>No condition: any association in the account that names the role.</summary>
    Unscoped,
}
