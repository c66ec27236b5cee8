using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>The verdict for one binding, with a 0-100 readiness score and every reason behind it.</summary>
public sealed record BindingAssessment
{
    public required BindingKey Key { get; init; }
    /// <summary>The role-arn annotation value, raw.</summary>
    public required string RoleArn { get; init; }
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
}

public sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name);
