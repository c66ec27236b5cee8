namespace Migrator.Core.Assessment;

/// <summary>
/// Where a workload identity is on its way from IRSA to EKS Pod Identity (docs/assessment.md "Lifecycle"). Computed
/// from the snapshot alone: the annotation, the association, the pods' credential env and the role's IRSA trust.
/// </summary>
public enum IdentityLifecycle
{
    /// <summary>IRSA only: the role-arn annotation and no Pod Identity association.</summary>
    Irsa,
    /// <summary>
    /// Both: an association next to a working IRSA path (annotation the role still trusts), so pods run on Pod Identity
    /// with IRSA as the rollback path through the soak, or still run on IRSA until restarted.
    /// </summary>
    CutOver,
    /// <summary>Pod Identity only: an association, pods on it, and no IRSA left (annotation, trust subject, add-on role).</summary>
    PodIdentity,
    /// <summary>On Pod Identity, with IRSA leftovers to remove: an annotation IRSA no longer honours, a trust subject, an add-on serviceAccountRoleArn.</summary>
    CleanupPending,
}
