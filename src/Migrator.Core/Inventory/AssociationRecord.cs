namespace Migrator.Core.Inventory;

/// <summary>An EKS Pod Identity association (roleArn learned through DescribePodIdentityAssociation).</summary>
public sealed record AssociationRecord
{
    public required ClusterRef Cluster { get; init; }
    public required string AssociationId { get; init; }
    public string AssociationArn { get; init; } = "";
    public required string Namespace { get; init; }
    public required string ServiceAccount { get; init; }
    public required string RoleArn { get; init; }
    public string? TargetRoleArn { get; init; }
    public bool DisableSessionTags { get; init; }
    /// <summary>ARN of the EKS add-on that owns the association, when it was created through the add-on API.</summary>
    public string? OwnerArn { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}
