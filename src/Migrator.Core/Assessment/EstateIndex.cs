using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Evidence;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// Lookups over one cluster part (<see cref="ClusterPart"/>) next to the estate-wide ones (<see cref="EstateWide"/>):
/// what the rules read for an identity. Built once per part; the estate-wide lookups (and the trust read once per role)
/// are shared by every part of an assessment.
/// </summary>
internal sealed class EstateIndex
{
    private readonly EstateWide _wide;
    private readonly ILookup<(ClusterRef, string, string), PodRecord> _pods;
    private readonly ILookup<(ClusterRef, string, string), WorkloadRecord> _workloads;
    private readonly ILookup<(ClusterRef, string, string), AssociationRecord> _associations;
    private readonly ILookup<BindingKey, IdentityUsage> _usage;
    private readonly Dictionary<(ClusterRef, string), int> _workloadsPerNamespace;
    private readonly Dictionary<ClusterRef, int> _associationsPerCluster;
    private readonly Dictionary<ClusterRef, int> _bindingsNeedingAssociation;

    public EstateIndex(EstateWide wide, ClusterPart part)
    {
        _wide = wide;
        _pods = part.Pods.ToLookup(p => (p.Cluster, p.Namespace, p.ServiceAccountName));
        _workloads = part.Workloads.ToLookup(w => (w.Cluster, w.Namespace, w.ServiceAccountName));
        _associations = part.Associations.ToLookup(a => (a.Cluster, a.Namespace, a.ServiceAccount));
        _usage = part.Usage.ToLookup(u => u.Key);
        Identities = WorkloadIdentity.Of(part.ServiceAccounts, part.Associations);
        _workloadsPerNamespace = part.Workloads.GroupBy(w => (w.Cluster, w.Namespace)).ToDictionary(g => g.Key, g => g.Count());
        _associationsPerCluster = part.Associations.GroupBy(a => a.Cluster).ToDictionary(g => g.Key, g => g.Count());
        _bindingsNeedingAssociation = part.ServiceAccounts.Where(s => s.RoleArn is not null)
            .Where(b => !AssociationsOf(b.Key).Any(a => AssociationUsesRole(a, b.RoleArn!)))
            .GroupBy(b => b.Cluster).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Workloads of any ServiceAccount in a namespace of a cluster.</summary>
    public int WorkloadsInNamespace(ClusterRef cluster, string @namespace) => _workloadsPerNamespace.GetValueOrDefault((cluster, @namespace));

    /// <summary>Associations the inventory found in a cluster.</summary>
    public int AssociationsIn(ClusterRef cluster) => _associationsPerCluster.GetValueOrDefault(cluster);

    /// <summary>IRSA bindings of a cluster with no association to their role yet: each needs one to migrate.</summary>
    public int BindingsNeedingAssociation(ClusterRef cluster) => _bindingsNeedingAssociation.GetValueOrDefault(cluster);

    public EstateFacts Facts => _wide.Facts;
    public IReadOnlyDictionary<ClusterRef, ClusterInventory> Clusters => _wide.Clusters;
    /// <summary>Every workload identity of the part, in key order: what the assessment judges.</summary>
    public IReadOnlyList<WorkloadIdentity> Identities { get; }
    /// <summary>IRSA bindings of roles annotated more than once, across the estate, by raw role ARN.</summary>
    public ILookup<string, RoleBinding> BindingsByRole => _wide.BindingsByRole;

    /// <summary>A shared role's bindings, sorted once for the estate (<see cref="EstateWide.SharersOf"/>).</summary>
    public RoleSharers SharersOf(string roleArn) => _wide.SharersOf(roleArn);

    public IReadOnlyList<PodRecord> PodsOf(BindingKey k) => _pods[(k.Cluster, k.Namespace, k.ServiceAccount)].ToList();
    public IReadOnlyList<WorkloadRecord> WorkloadsOf(BindingKey k) => _workloads[(k.Cluster, k.Namespace, k.ServiceAccount)].ToList();
    public IReadOnlyList<AssociationRecord> AssociationsOf(BindingKey k) => _associations[(k.Cluster, k.Namespace, k.ServiceAccount)].ToList();

    /// <summary>The identity's recorded uses, in inventory order.</summary>
    public IEnumerable<IdentityUsage> UsageOf(BindingKey k) => _usage[k];

    /// <summary>The add-ons of a cluster by name (ordinal; the inventory's order among equal names).</summary>
    public IReadOnlyList<AddonRecord> AddonsByName(ClusterRef cluster) => _wide.AddonsByName(cluster);

    /// <summary>The role by exact ARN, else by account and name (role names are unique per account whatever the path).</summary>
    public RoleRecord? Role(RoleArn arn) => _wide.Role(arn);

    public TrustRead? TrustOf(RoleRecord? role) => _wide.TrustOf(role);

    /// <summary>The inventoried cluster whose OIDC issuer this is, if any.</summary>
    public ClusterInventory? ClusterWithIssuer(string issuer) => _wide.ClusterWithIssuer(issuer);

    public IEnumerable<OidcProviderRecord> ProvidersIn(string accountId) => _wide.ProvidersIn(accountId);

    /// <summary>Accounts whose IAM providers the inventory listed (cluster accounts, or any account with a provider record).</summary>
    public bool ProvidersKnownFor(string accountId) => _wide.ProvidersKnownFor(accountId);

    public static bool AssociationUsesRole(AssociationRecord a, string roleArn) =>
        string.Equals(a.RoleArn, roleArn, StringComparison.Ordinal) || string.Equals(a.TargetRoleArn, roleArn, StringComparison.Ordinal);
}
