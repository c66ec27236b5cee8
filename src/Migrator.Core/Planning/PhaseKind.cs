namespace Migrator.Core.Planning;

public enum PhaseKind
{
    /// <summary>P0: the Pod Identity agent on every cluster in the plan; node role permission checked.</summary>
    Prerequisites,
    /// <summary>P1: a few lowest-risk Ready bindings.</summary>
    Canary,
    /// <summary>P2..Pn: the rest, grouped by cluster and namespace.</summary>
    Wave,
    /// <summary>After the soak: IRSA annotations and this cluster's OIDC subject removed.</summary>
    Cleanup,
}
