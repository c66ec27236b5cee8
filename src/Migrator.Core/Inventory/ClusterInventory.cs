namespace Migrator.Core.Inventory;

/// <summary>What one inventory run learned about a cluster.</summary>
public sealed record ClusterInventory
{
    public required ClusterRef Ref { get; init; }
    public string KubernetesVersion { get; init; } = "";
    public string PlatformVersion { get; init; } = "";
    /// <summary>OIDC issuer URL as DescribeCluster returns it (https://oidc.eks.REGION.amazonaws.com/id/ID).</summary>
    public string? OidcIssuer { get; init; }
    public bool AutoMode { get; init; }
    public string Endpoint { get; init; } = "";
    /// <summary>Status of the eks-pod-identity-agent add-on (ACTIVE, CREATING, DEGRADED...), null when not installed.</summary>
    public string? PodIdentityAgentStatus { get; init; }
    public string? PodIdentityAgentVersion { get; init; }
    public int AssociationCount { get; init; }
    public IReadOnlyDictionary<Placement, int> NodeCounts { get; init; } = new Dictionary<Placement, int>();
    /// <summary>Node IAM roles of managed node groups (checked for eks-auth:AssumeRoleForPodIdentity).</summary>
    public IReadOnlyList<string> NodeRoleArns { get; init; } = [];
    public IReadOnlyList<string> FargateProfiles { get; init; } = [];
    /// <summary>Null when the cluster was collected completely; otherwise why not.</summary>
    public string? CollectionError { get; init; }
}
