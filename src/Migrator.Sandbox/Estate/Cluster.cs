namespace Migrator.Sandbox;

/// <summary>
/// An EKS cluster with its add-ons, compute, Pod Identity associations and the Kubernetes objects inside it.
/// Nodes and pods are derived from node groups, Fargate profiles and workloads when the file leaves them out.
/// </summary>
public sealed class Cluster
{
    public required string Name { get; set; }
    public required string AccountId { get; set; }
    public required string Region { get; set; }
    public string KubernetesVersion { get; set; } = "1.31";
    public string PlatformVersion { get; set; } = "eks.4";
    public string Status { get; set; } = "ACTIVE";
    /// <summary>https://oidc.eks.REGION.amazonaws.com/id/ID; derived from the cluster's identity when omitted.</summary>
    public string? OidcIssuer { get; set; }
    /// <summary>EKS Auto Mode (computeConfig.enabled): the Pod Identity agent is built in.</summary>
    public bool AutoMode { get; set; }
    public string? RoleArn { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = [];

    public List<Addon> Addons { get; set; } = [];
    public List<Nodegroup> Nodegroups { get; set; } = [];
    public List<FargateProfile> FargateProfiles { get; set; } = [];
    public List<PodIdentityAssociation> PodIdentityAssociations { get; set; } = [];

    public List<KubeNamespace> Namespaces { get; set; } = [];
    public List<ServiceAccount> ServiceAccounts { get; set; } = [];
    public List<Workload> Workloads { get; set; } = [];
    /// <summary>Materialised at load from workloads (with the webhook's mutation) unless the file lists them.</summary>
    public List<Pod> Pods { get; set; } = [];
    /// <summary>Derived at load from node groups and Fargate unless the file lists them.</summary>
    public List<Node> Nodes { get; set; } = [];

    /// <summary>
    /// Set once the sandbox has materialised the workloads' pods: a saved state keeps its pods as the API left them, so a
    /// workload whose pods were deleted (a CronJob run, an orphaned Job) gets none made up again at the next load.
    /// </summary>
    public bool? PodsMaterialised { get; set; }

    /// <summary>Kubernetes' cluster-wide resourceVersion counter (etcd revision); persisted with the state.</summary>
    public long LastResourceVersion { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string Partition => PartitionOf(Region);
    [System.Text.Json.Serialization.JsonIgnore]
    public string Arn => $"arn:{Partition}:eks:{Region}:{AccountId}:cluster/{Name}";
    /// <summary>ACCOUNT/REGION/NAME, the same key as Migrator.Core's ClusterRef.Key.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => $"{AccountId}/{Region}/{Name}";

    /// <summary>Next resourceVersion as a string, as Kubernetes hands it out.</summary>
    public string NextResourceVersion() => (++LastResourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Addon? FindAddon(string name) => Addons.Find(a => a.Name == name);
    public ServiceAccount? FindServiceAccount(string ns, string name) => ServiceAccounts.Find(s => s.Namespace == ns && s.Name == name);
    public KubeNamespace? FindNamespace(string name) => Namespaces.Find(n => n.Name == name);
    public Node? FindNode(string name) => Nodes.Find(n => n.Name == name);

    /// <summary>The association for a namespace/ServiceAccount (at most one exists per pair).</summary>
    public PodIdentityAssociation? FindAssociation(string ns, string serviceAccount) =>
        PodIdentityAssociations.Find(a => a.Namespace == ns && a.ServiceAccount == serviceAccount);

    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
}
