using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// The verdict for one workload identity (an IRSA binding, a Pod Identity association, or both), with a 0-100
/// readiness score, its lifecycle state and every reason behind it.
/// </summary>
public sealed record BindingAssessment
{
    public required BindingKey Key { get; init; }
    /// <summary>The role-arn annotation value, raw; without an annotation, the association's role.</summary>
    public required string RoleArn { get; init; }
    /// <summary>Whether the ServiceAccount carries the IRSA role-arn annotation (only annotated identities are planned).</summary>
    public bool IrsaAnnotated { get; init; } = true;
    /// <summary>The Pod Identity association's role (source role when it chains through targetRoleArn); null without one.</summary>
    public string? AssociationRoleArn { get; init; }
    public IdentityLifecycle Lifecycle { get; init; } = IdentityLifecycle.Irsa;
    public required BindingCategory Category { get; init; }
    public required int Score { get; init; }
    public IReadOnlyList<AssessmentReason> Reasons { get; init; } = [];
    /// <summary>For Coordinate: a stable id shared by every binding that must migrate together (the role ARN).</summary>
    public string? CoordinationGroup { get; init; }
    /// <summary>EKS add-on that owns the ServiceAccount: migrate through UpdateAddon podIdentityAssociations.</summary>
    public string? OwningAddon { get; init; }
    public int PodCount { get; init; }
    public IReadOnlyList<WorkloadRef> Workloads { get; init; } = [];
    /// <summary>Ready with a score at or above Assessment:CanaryMinimumScore: a good first binding to move.</summary>
    public bool CanaryCandidate { get; init; }

    /// <summary>Runs on Pod Identity, verified (association, trust audit passed, pods on it): what progress counts.</summary>
    public bool OnPodIdentity => Category == BindingCategory.Migrated;
}

public sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name);
