using Migrator.Core.Inventory;
using Migrator.Core.Text;

namespace Migrator.Core.Planning;

/// <summary>
/// What a plan is decided from (<see cref="Planner.Consider"/>): the bindings that can migrate and those left out with
/// their reasons, the clusters, the roles the plan can touch (the candidates' and the node roles), every IRSA user of
/// those roles per issuer (for the cleanups), and the identities already on Pod Identity (for the migration scope).
/// Holds nothing else of the assessment or the snapshot, so both can be let go before the plan is cut.
/// The roles' trust policies are held apart from their records and compacted (<see cref="TrustPolicies"/>): they are
/// the largest thing a plan is decided from.
/// </summary>
public sealed record PlanBasis(
    long RunId,
    Dictionary<ClusterRef, ClusterInventory> Clusters,
    Dictionary<string, RoleRecord> Roles,
    IReadOnlyDictionary<(string Role, string Issuer), IReadOnlyList<BindingKey>> IrsaUsers,
    IReadOnlyList<PlannedBinding> Candidates,
    IReadOnlyList<ExcludedBinding> Excluded,
    IReadOnlyList<BindingKey> OnPodIdentity)
{
    /// <summary>
    /// The trust policy of each of <see cref="Roles"/> whose policy was read, by ARN, compacted. The records in
    /// <see cref="Roles"/> carry none: this is the one place planning reads a policy from.
    /// </summary>
    public IReadOnlyDictionary<string, CompactText> TrustPolicies { get; init; } = new Dictionary<string, CompactText>(StringComparer.Ordinal);

    /// <summary>
    /// The basis with its roles' trust policy texts (by ARN) added: the planning stage reads the snapshot's roles
    /// without them (<see cref="Ports.SnapshotParts.WithoutTrustPolicies"/>) and then those of the roles kept here only,
    /// compacting each as it is read. Texts of roles not in the basis are ignored; a role's text already held stays.
    /// </summary>
    public PlanBasis WithTrustPolicies(IReadOnlyDictionary<string, CompactText> trustPolicies)
    {
        var merged = new Dictionary<string, CompactText>(TrustPolicies, StringComparer.Ordinal);
        // Keyed by the role record's ARN string: the texts come with their own copies.
        foreach (var (arn, text) in trustPolicies)
            if (Roles.TryGetValue(arn, out var role))
                merged.TryAdd(role.Arn, text);
        return this with { TrustPolicies = merged };
    }

    /// <inheritdoc cref="WithTrustPolicies(IReadOnlyDictionary{string, CompactText})"/>
    public PlanBasis WithTrustPolicies(IReadOnlyDictionary<string, string> trustPolicies) =>
        WithTrustPolicies(trustPolicies.Where(t => Roles.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => CompactText.Of(t.Value), StringComparer.Ordinal));
}
