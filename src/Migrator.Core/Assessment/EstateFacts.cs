using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// What the assessment needs from the whole estate while it judges one cluster's identities: the run's times, every
/// cluster, role, IAM OIDC provider and add-on, and the IRSA bindings of roles annotated more than once (what role
/// sharing reasons about across clusters). Small next to the ServiceAccounts, pods and workloads, which come per cluster
/// (<see cref="ClusterPart"/>).
/// </summary>
public sealed record EstateFacts
{
    public long RunId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<ClusterInventory> Clusters { get; init; } = [];
    /// <summary>
    /// Every role, with its trust policy text, or with its size only (a stored run's facts): the texts then come with
    /// each part (<see cref="ClusterPart.TrustPolicies"/>) and with each batch of the role view
    /// (<see cref="ChunkedAssessment.TrustFindings"/>), so an estate's trust policies are never all held.
    /// </summary>
    public IReadOnlyList<RoleRecord> Roles { get; init; } = [];
    public IReadOnlyList<OidcProviderRecord> OidcProviders { get; init; } = [];
    public IReadOnlyList<AddonRecord> Addons { get; init; } = [];
    /// <summary>IRSA bindings whose raw role-arn annotation more than one ServiceAccount carries, in snapshot order.</summary>
    public IReadOnlyList<RoleBinding> SharedRoleBindings { get; init; } = [];
    /// <summary>Every distinct raw role-arn annotation of the estate.</summary>
    public IReadOnlyList<string> AnnotatedRoleArns { get; init; } = [];

    /// <summary>The estate facts of a snapshot held whole.</summary>
    public static EstateFacts Of(InventorySnapshot snapshot)
    {
        var bindings = snapshot.IrsaBindings.ToList();
        var shared = bindings.GroupBy(b => b.RoleArn!, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return new EstateFacts
        {
            RunId = snapshot.RunId,
            StartedAt = snapshot.StartedAt,
            CompletedAt = snapshot.CompletedAt,
            Clusters = snapshot.Clusters,
            Roles = snapshot.Roles,
            OidcProviders = snapshot.OidcProviders,
            Addons = snapshot.Addons,
            SharedRoleBindings = bindings.Where(b => shared.Contains(b.RoleArn!)).Select(RoleBinding.Of).ToList(),
            AnnotatedRoleArns = bindings.Select(b => b.RoleArn!).Distinct(StringComparer.Ordinal).ToList(),
        };
    }
}
