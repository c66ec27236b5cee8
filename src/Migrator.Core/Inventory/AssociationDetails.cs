namespace Migrator.Core.Inventory;

/// <summary>
/// What EKS DescribePodIdentityAssociation tells about a Pod Identity association, wherever it is held: the port's
/// answer (<see cref="Ports.AssociationDescription"/>) and the inventory's record (<see cref="AssociationRecord"/>)
/// add only how they name the cluster (and the port the tags).
/// </summary>
public abstract record AssociationDetails
{
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
