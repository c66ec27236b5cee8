using Migrator.Core.Evidence;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// The rows of one cluster (or of a group of whole clusters) that the assessment judges: ServiceAccounts, workloads,
/// pods, Pod Identity associations and recorded uses. A part must hold all of a cluster's rows or none: per-cluster
/// counts (associations, workloads per namespace, bindings needing an association) are taken from it.
/// </summary>
public sealed record ClusterPart
{
    public IReadOnlyList<ServiceAccountRecord> ServiceAccounts { get; init; } = [];
    public IReadOnlyList<WorkloadRecord> Workloads { get; init; } = [];
    public IReadOnlyList<PodRecord> Pods { get; init; } = [];
    public IReadOnlyList<AssociationRecord> Associations { get; init; } = [];
    public IReadOnlyList<IdentityUsage> Usage { get; init; } = [];

    /// <summary>
    /// The trust policy texts of the roles this part's identities name, by stored role ARN, when the estate facts carry
    /// the roles without them (<see cref="RoleRecord.TrustPolicySize"/> only): what
    /// <see cref="ChunkedAssessment.TrustPoliciesNeeded"/> lists. Empty when the facts carry the texts.
    /// </summary>
    public IReadOnlyDictionary<string, string> TrustPolicies { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every cluster's rows of a snapshot held whole, as one part.</summary>
    public static ClusterPart Whole(InventorySnapshot snapshot) => new()
    {
        ServiceAccounts = snapshot.ServiceAccounts,
        Workloads = snapshot.Workloads,
        Pods = snapshot.Pods,
        Associations = snapshot.Associations,
        Usage = snapshot.Usage,
    };

    /// <summary>A snapshot's rows cluster by cluster, in cluster-key order (the order the assessment lists identities in).</summary>
    public static IEnumerable<(ClusterRef Cluster, ClusterPart Part)> PerCluster(InventorySnapshot snapshot)
    {
        var accounts = snapshot.ServiceAccounts.ToLookup(s => s.Cluster);
        var workloads = snapshot.Workloads.ToLookup(w => w.Cluster);
        var pods = snapshot.Pods.ToLookup(p => p.Cluster);
        var associations = snapshot.Associations.ToLookup(a => a.Cluster);
        var usage = snapshot.Usage.ToLookup(u => u.Key.Cluster);
        var clusters = accounts.Select(g => g.Key).Concat(workloads.Select(g => g.Key)).Concat(pods.Select(g => g.Key))
            .Concat(associations.Select(g => g.Key)).Concat(usage.Select(g => g.Key))
            .Distinct().OrderBy(c => c.Key, StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            yield return (cluster, new ClusterPart
            {
                ServiceAccounts = accounts[cluster].ToList(),
                Workloads = workloads[cluster].ToList(),
                Pods = pods[cluster].ToList(),
                Associations = associations[cluster].ToList(),
                Usage = usage[cluster].ToList(),
            });
        }
    }
}
