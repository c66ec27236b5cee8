using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// Lookups over the estate facts (<see cref="EstateFacts"/>), built once per assessment and shared by every cluster
/// part: clusters, roles and their trust (read once per role), providers, add-ons and roles annotated more than once.
/// </summary>
internal sealed class EstateWide
{
    private readonly Dictionary<string, RoleRecord> _rolesByArn;
    private readonly Dictionary<(string Account, string Name), RoleRecord> _rolesByName;
    private readonly Dictionary<string, TrustRead> _trust = new(StringComparer.Ordinal);
    private readonly Dictionary<ClusterRef, List<AddonRecord>> _addons;
    private readonly Dictionary<string, ClusterInventory> _clustersByIssuer = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILookup<string, OidcProviderRecord> _providers;
    private readonly HashSet<string> _accountsWithProviders;
    private readonly ITrustReader _trustReader;
    private readonly Dictionary<string, RoleSharers> _sharers = new(StringComparer.Ordinal);
    // The key of the last cluster (in assessment order) with a binding of the role, for roles annotated more than once:
    // by role ARN (trust reads) and by raw annotation (sharers). Other roles serve one binding and are let go after it.
    private readonly Dictionary<string, string> _trustNeededUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sharersNeededUntil = new(StringComparer.Ordinal);
    // The trust policy texts read for the part (or role-view batch) being judged, when the facts carry sizes only.
    private IReadOnlyDictionary<string, string> _texts = new Dictionary<string, string>(StringComparer.Ordinal);

    public EstateWide(EstateFacts facts, ITrustReader trustReader)
    {
        Facts = facts;
        _trustReader = trustReader;
        Clusters = facts.Clusters.GroupBy(c => c.Ref).ToDictionary(g => g.Key, g => g.First());
        _rolesByArn = facts.Roles.GroupBy(r => r.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _rolesByName = facts.Roles.GroupBy(r => (r.AccountId, r.Name)).ToDictionary(g => g.Key, g => g.First());
        _addons = facts.Addons.GroupBy(a => a.Cluster).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Name, StringComparer.Ordinal).ToList());
        foreach (var c in facts.Clusters)
        {
            if (c.OidcIssuer is not null)
                _clustersByIssuer.TryAdd(Issuers.Normalize(c.OidcIssuer), c);
        }
        _providers = facts.OidcProviders.ToLookup(p => p.AccountId, StringComparer.Ordinal);
        _accountsWithProviders = facts.Clusters.Select(c => c.Ref.AccountId).Concat(facts.OidcProviders.Select(p => p.AccountId)).ToHashSet(StringComparer.Ordinal);
        BindingsByRole = facts.SharedRoleBindings.ToLookup(b => b.RoleArn, StringComparer.Ordinal);
        foreach (var group in BindingsByRole)
        {
            var last = group.Select(b => b.Cluster.Key).Max(StringComparer.Ordinal)!;
            _sharersNeededUntil[group.Key] = last;
            if (!RoleArn.TryParse(group.Key, out var arn, out _) || Role(arn!) is not { } role) continue;
            if (!_trustNeededUntil.TryGetValue(role.Arn, out var known) || string.CompareOrdinal(last, known) > 0)
                _trustNeededUntil[role.Arn] = last;
        }
    }

    public EstateFacts Facts { get; }
    public IReadOnlyDictionary<ClusterRef, ClusterInventory> Clusters { get; }
    /// <summary>IRSA bindings of roles annotated more than once, by raw role ARN (a role annotated once has no group).</summary>
    public ILookup<string, RoleBinding> BindingsByRole { get; }

    /// <summary>
    /// The bindings of a role annotated more than once, sorted by cluster key, namespace and name, with the clusters they
    /// are in: sorted once per role for every binding that asks (a role shared by thousands of bindings was sorted once
    /// per binding).
    /// </summary>
    public RoleSharers SharersOf(string roleArn)
    {
        if (!_sharers.TryGetValue(roleArn, out var sharers))
        {
            var sorted = BindingsByRole[roleArn]
                .OrderBy(s => s.Cluster.Key, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
                .ToList();
            _sharers[roleArn] = sharers = new RoleSharers(sorted, sorted.Select(s => s.Cluster).ToHashSet());
        }
        return sharers;
    }

    /// <summary>The role by exact ARN, else by account and name (role names are unique per account whatever the path).</summary>
    public RoleRecord? Role(RoleArn arn) =>
        _rolesByArn.TryGetValue(arn.Value, out var r) ? r : _rolesByName.GetValueOrDefault((arn.AccountId, arn.Name));

    public TrustRead? TrustOf(RoleRecord? role)
    {
        if (TrustOnce(role) is not { } read) return null;
        _trust.TryAdd(role!.Arn, read);
        return read;
    }

    /// <summary>The role's trust read, kept if a part still holds it, else read for this caller alone (the role view's single pass).</summary>
    public TrustRead? TrustOnce(RoleRecord? role)
    {
        if (role is null || !role.Exists || !role.HasTrustPolicy) return null;
        return _trust.TryGetValue(role.Arn, out var read) ? read : _trustReader.Read(TextOf(role));
    }

    /// <summary>The trust policy texts of the part or role-view batch about to be judged (facts with sizes only).</summary>
    public void UseTrustPolicies(IReadOnlyDictionary<string, string> texts) => _texts = texts;

    /// <summary>The stored roles with a trust policy whose text the facts leave out, among those the ARNs name.</summary>
    public IEnumerable<string> TextsLeftOut(IEnumerable<string?> roleArns)
    {
        foreach (var raw in roleArns)
        {
            if (raw is null || !RoleArn.TryParse(raw, out var arn, out _) || Role(arn!) is not { } role) continue;
            if (TextLeftOut(role))
                yield return role.Arn;
        }
    }

    /// <summary>Whether the role's trust is judged from a text the facts leave out (they carry its size only).</summary>
    public static bool TextLeftOut(RoleRecord role) => role.Exists && role.TrustPolicy is null && role.TrustPolicySize is not null;

    private string TextOf(RoleRecord role) =>
        role.TrustPolicy
        ?? (_texts.TryGetValue(role.Arn, out var text)
            ? text
            : throw new InvalidOperationException($"the trust policy of {role.Arn} was not read with the part judged: the facts carry its size only, and ChunkedAssessment.TrustPoliciesNeeded lists what a part must bring."));

    /// <summary>
    /// Lets go of the trust reads and sharer lists no part after <paramref name="lastClusterKey"/> needs (parts come in
    /// cluster-key order): an estate's parsed trust policies are never all held at once. A role needed again after all
    /// (parts out of order) is read again.
    /// </summary>
    public void PartAssessed(string lastClusterKey)
    {
        LetGo(_trust, _trustNeededUntil, lastClusterKey);
        LetGo(_sharers, _sharersNeededUntil, lastClusterKey);
    }

    private static void LetGo<T>(Dictionary<string, T> kept, Dictionary<string, string> neededUntil, string lastClusterKey)
    {
        foreach (var key in kept.Keys)
        {
            if (!neededUntil.TryGetValue(key, out var until) || string.CompareOrdinal(until, lastClusterKey) <= 0)
                kept.Remove(key);
        }
    }

    /// <summary>The add-ons of a cluster by name (ordinal; the inventory's order among equal names).</summary>
    public IReadOnlyList<AddonRecord> AddonsByName(ClusterRef cluster) => _addons.TryGetValue(cluster, out var addons) ? addons : [];

    /// <summary>The first inventoried cluster whose OIDC issuer this is (<see cref="Issuers.SameIssuer"/>), if any.</summary>
    public ClusterInventory? ClusterWithIssuer(string issuer) => _clustersByIssuer.GetValueOrDefault(Issuers.Normalize(issuer));

    public IEnumerable<OidcProviderRecord> ProvidersIn(string accountId) => _providers[accountId];

    public bool ProvidersKnownFor(string accountId) => _accountsWithProviders.Contains(accountId);
}
