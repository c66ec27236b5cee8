namespace Migrator.Core.Inventory;

/// <summary>An EKS add-on and the identities it runs with.</summary>
public sealed record AddonRecord
{
    public required ClusterRef Cluster { get; init; }
    public required string Name { get; init; }
    public string Version { get; init; } = "";
    public string Status { get; init; } = "";
    /// <summary>IRSA role of the add-on (serviceAccountRoleArn), if any.</summary>
    public string? ServiceAccountRoleArn { get; init; }
    /// <summary>ARNs of Pod Identity associations the add-on owns.</summary>
    public IReadOnlyList<string> PodIdentityAssociationArns { get; init; } = [];
    /// <summary>Namespace/ServiceAccount pairs this add-on is known to own (e.g. kube-system/ebs-csi-controller-sa).</summary>
    public IReadOnlyList<string> OwnedServiceAccounts { get; init; } = [];
}
