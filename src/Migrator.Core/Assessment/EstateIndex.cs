using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>Lookups over one snapshot, built once per assessment. Trust policies are read once per role.</summary>
internal sealed class EstateIndex
{
    private readonly ILookup<(ClusterRef, string, string), PodRecord> _pods;
    private readonly ILookup<(ClusterRef, string, string), WorkloadRecord> _workloads;
    private readonly ILookup<(ClusterRef, string, string), AssociationRecord> _associations;
    private readonly Dictionary<string, RoleRecord> _rolesByArn;
    private readonly Dictionary<(string Account, string Name), RoleRecord> _rolesByName;
    private readonly Dictionary<string, TrustRead> _trust = new(StringComparer.Ordinal);
    private readonly ITrustReader _trustReader;

    public EstateIndex(InventorySnapshot snapshot, ITrustReader trustReader)
    {
        Snapshot = snapshot;
        _trustReader = trustReader;
        Clusters = snapshot.Clusters.GroupBy(c => c.Ref).ToDictionary(g => g.Key, g => g.First());
        _pods = snapshot.Pods.ToLookup(p => (p.Cluster, p.Namespace, p.ServiceAccountName));
        _workloads = snapshot.Workloads.ToLookup(w => (w.Cluster, w.Namespace, w.ServiceAccountName));
        _associations = snapshot.Associations.ToLookup(a => (a.Cluster, a.Namespace, a.ServiceAccount));
        _rolesByArn = snapshot.Roles.GroupBy(r => r.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _rolesByName = snapshot.Roles.GroupBy(r => (r.AccountId, r.Name)).ToDictionary(g => g.Key, g => g.First());
        Bindings = snapshot.IrsaBindings.ToList();
        Identities = WorkloadIdentity.Of(snapshot);
        BindingsByRole = Bindings.ToLookup(b => b.RoleArn!, StringComparer.Ordinal);
        _workloadsPerNamespace = snapshot.Workloads.GroupBy(w => (w.Cluster, w.Namespace)).ToDictionary(g => g.Key, g => g.Count());
        _associationsPerCluster = snapshot.Associations.GroupBy(a => a.Cluster).ToDictionary(g => g.Key, g => g.Count());
        _bindingsNeedingAssociation = Bindings
            .Where(b => !AssociationsOf(b.Key).Any(a => AssociationUsesRole(a, b.RoleArn!)))
            .GroupBy(b => b.Cluster).ToDictionary(g => g.Key, g => g.Count());
    }

    private readonly Dictionary<(ClusterRef, string), int> _workloadsPerNamespace;
    private readonly Dictionary<ClusterRef, int> _associationsPerCluster;
    private readonly Dictionary<ClusterRef, int> _bindingsNeedingAssociation;

    /// <summary>Workloads of any ServiceAccount in a namespace of a cluster.</summary>
    public int WorkloadsInNamespace(ClusterRef cluster, string @namespace) => _workloadsPerNamespace.GetValueOrDefault((cluster, @namespace));

    /// <summary>Associations the inventory found in a cluster.</summary>
    public int AssociationsIn(ClusterRef cluster) => _associationsPerCluster.GetValueOrDefault(cluster);

    /// <summary>IRSA bindings of a cluster with no association to their role yet: each needs one to migrate.</summary>
    public int BindingsNeedingAssociation(ClusterRef cluster) => _bindingsNeedingAssociation.GetValueOrDefault(cluster);

    public InventorySnapshot Snapshot { get; }
    public IReadOnlyDictionary<ClusterRef, ClusterInventory> Clusters { get; }
    /// <summary>IRSA bindings (annotated ServiceAccounts): what role sharing, quota and cleanup reason about.</summary>
    public IReadOnlyList<ServiceAccountRecord> Bindings { get; }
    /// <summary>Every workload identity, in key order: what the assessment judges.</summary>
    public IReadOnlyList<WorkloadIdentity> Identities { get; }
    public ILookup<string, ServiceAccountRecord> BindingsByRole { get; }

    public IReadOnlyList<PodRecord> PodsOf(BindingKey k) => _pods[(k.Cluster, k.Namespace, k.ServiceAccount)].ToList();
    public IReadOnlyList<WorkloadRecord> WorkloadsOf(BindingKey k) => _workloads[(k.Cluster, k.Namespace, k.ServiceAccount)].ToList();
    public IReadOnlyList<AssociationRecord> AssociationsOf(BindingKey k) => _associations[(k.Cluster, k.Namespace, k.ServiceAccount)].ToList();

    /// <summary>The role by exact ARN, else by account and name (role names are unique per account whatever the path).</summary>
    public RoleRecord? Role(RoleArn arn) =>
        _rolesByArn.TryGetValue(arn.Value, out var r) ? r : _rolesByName.GetValueOrDefault((arn.AccountId, arn.Name));

    public TrustRead? TrustOf(RoleRecord? role)
    {
        if (role is null || !role.Exists || role.TrustPolicy is null) return null;
        if (!_trust.TryGetValue(role.Arn, out var read))
            _trust[role.Arn] = read = _trustReader.Read(role.TrustPolicy);
        return read;
    }

    /// <summary>The inventoried cluster whose OIDC issuer this is, if any.</summary>
    public ClusterInventory? ClusterWithIssuer(string issuer) =>
        Snapshot.Clusters.FirstOrDefault(c => c.OidcIssuer is not null && Issuers.SameIssuer(c.OidcIssuer, issuer));

    public IEnumerable<OidcProviderRecord> ProvidersIn(string accountId) => Snapshot.OidcProviders.Where(p => p.AccountId == accountId);

    /// <summary>Accounts whose IAM providers the inventory listed (cluster accounts, or any account with a provider record).</summary>
    public bool ProvidersKnownFor(string accountId) =>
        Snapshot.Clusters.Any(c => c.Ref.AccountId == accountId) || Snapshot.OidcProviders.Any(p => p.AccountId == accountId);

    public static bool AssociationUsesRole(AssociationRecord a, string roleArn) =>
        string.Equals(a.RoleArn, roleArn, StringComparison.Ordinal) || string.Equals(a.TargetRoleArn, roleArn, StringComparison.Ordinal);
}
