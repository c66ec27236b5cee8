using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// What a plan is decided from (<see cref="Planner.Consider"/>): the bindings that can migrate and those left out with
/// their reasons, the clusters, the roles the plan can touch (the candidates' and the node roles), every IRSA user of
/// those roles per issuer (for the cleanups), and the identities already on Pod Identity (for the migration scope).
/// Holds nothing else of the assessment or the snapshot, so both can be let go before the plan is cut.
/// </summary>
public sealed record PlanBasis(
    long RunId,
    Dictionary<ClusterRef, ClusterInventory> Clusters,
    Dictionary<string, RoleRecord> Roles,
    IReadOnlyDictionary<(string Role, string Issuer), HashSet<BindingKey>> IrsaUsers,
    IReadOnlyList<PlannedBinding> Candidates,
    IReadOnlyList<ExcludedBinding> Excluded,
    IReadOnlyList<BindingKey> OnPodIdentity)
{
    /// <summary>
    /// The basis with its roles' trust policy texts (by ARN) filled in: the planning stage reads the snapshot's roles
    /// without them (<see cref="Ports.SnapshotParts.WithoutTrustPolicies"/>) and then those of the roles kept here only.
    /// </summary>
    public PlanBasis WithTrustPolicies(IReadOnlyDictionary<string, string> trustPolicies) => this with
    {
        Roles = Roles.ToDictionary(
            r => r.Key,
            r => r.Value.TrustPolicy is null && trustPolicies.TryGetValue(r.Key, out var text) ? r.Value with { TrustPolicy = text } : r.Value,
            StringComparer.Ordinal),
    };
}
