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
    IReadOnlyList<BindingKey> OnPodIdentity);
