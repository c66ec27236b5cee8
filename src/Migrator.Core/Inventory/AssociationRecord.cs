namespace Migrator.Core.Inventory;

/// <summary>An EKS Pod Identity association in the inventory (roleArn learned through DescribePodIdentityAssociation).</summary>
public sealed record AssociationRecord : AssociationDetails
{
    public required ClusterRef Cluster { get; init; }
}
