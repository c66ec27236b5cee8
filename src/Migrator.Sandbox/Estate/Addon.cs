namespace Migrator.Sandbox;

/// <summary>An EKS add-on (e.g. vpc-cni, aws-ebs-csi-driver, eks-pod-identity-agent) and the identities it runs with.</summary>
public sealed class Addon
{
    public const string PodIdentityAgent = "eks-pod-identity-agent";

    public required string Name { get; set; }
    public string Version { get; set; } = "";
    /// <summary>ACTIVE, CREATING, UPDATING, DEGRADED, CREATE_FAILED...</summary>
    public string Status { get; set; } = "ACTIVE";
    /// <summary>IRSA role of the add-on's ServiceAccount (serviceAccountRoleArn).</summary>
    public string? ServiceAccountRoleArn { get; set; }
    /// <summary>ARNs of the Pod Identity associations the add-on owns (each also listed in the cluster's associations with ownerArn).</summary>
    public List<string> PodIdentityAssociations { get; set; } = [];
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? ModifiedAt { get; set; }
    /// <summary>When a CREATING/UPDATING add-on turns ACTIVE (eventual consistency of CreateAddon/UpdateAddon).</summary>
    public DateTimeOffset? ActiveAt { get; set; }

    public string ArnIn(Cluster cluster) =>
        $"arn:{cluster.Partition}:eks:{cluster.Region}:{cluster.AccountId}:addon/{cluster.Name}/{Name}/{AddonIdSuffix(cluster)}";

    private string AddonIdSuffix(Cluster cluster) => StableId.Uuid($"addon/{cluster.Key}/{Name}")[..8];
}
