namespace Migrator.Core.Trust;

/// <summary>
/// How far the Migrator may widen Pod Identity trust beyond the exact bindings when exactly scoped statements do not
/// fit the role trust policy size limit. <see cref="Refuse"/> (the default) never widens: the rewrite fails and
/// names the size, the limit and both fixes. Wider levels are chosen only on request, and the scope written is shown
/// in the plan, the dry run and the approval (DOMAIN.md: unscoped trust is wider than the IRSA trust it replaces).
/// </summary>
public enum TrustWidening
{
    /// <summary>Exact (cluster, namespace, service account) or nothing.</summary>
    Refuse,
    /// <summary>Up to cluster + namespace: any service account of the bindings' namespaces.</summary>
    ClusterNamespace,
    /// <summary>Up to cluster: any service account of the bindings' clusters.</summary>
    Cluster,
    /// <summary>Up to no condition: any association in the account that names the role.</summary>
    Unscoped,
}

public static class TrustWideningScopes
{
    /// <summary>The widest scope the setting allows.</summary>
    public static PodIdentityScope Widest(this TrustWidening widening) => widening switch
    {
        TrustWidening.ClusterNamespace => PodIdentityScope.Namespace,
        TrustWidening.Cluster => PodIdentityScope.Cluster,
        TrustWidening.Unscoped => PodIdentityScope.Unscoped,
        _ => PodIdentityScope.ServiceAccount,
    };

    /// <summary>How a scope reads to people: "exactly the bindings", "cluster and namespace", ...</summary>
    public static string Describe(this PodIdentityScope scope) => scope switch
    {
        PodIdentityScope.Namespace => "cluster and namespace",
        PodIdentityScope.Cluster => "cluster only",
        PodIdentityScope.Unscoped => "nothing (an unconditioned pods.eks.amazonaws.com statement)",
        _ => "cluster, namespace and service account",
    };
}
