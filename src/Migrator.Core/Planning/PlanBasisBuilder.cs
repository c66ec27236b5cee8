using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ownership;
using Migrator.Core.Text;
using Migrator.Core.Trust;

namespace Migrator.Core.Planning;

/// <summary>
/// Builds a <see cref="PlanBasis"/> from inputs given one at a time: the run's IRSA ServiceAccounts (their owners and
/// who uses which role, for the cleanups), then its verdicts. The planning stage streams both from storage, so neither
/// the whole assessment nor the snapshot's ServiceAccounts are held while the basis grows; <see cref="Planner.Consider"/>
/// feeds it from loaded ones. The result does not depend on the order the inputs arrive in.
/// </summary>
public sealed class PlanBasisBuilder
{
    private readonly long _runId;
    private readonly PlanningSettings _settings;
    private readonly Dictionary<ClusterRef, ClusterInventory> _clusters;
    private readonly Dictionary<ClusterRef, string?> _issuers;
    private readonly Dictionary<string, RoleRecord> _roles;
    private readonly Dictionary<BindingKey, ResourceOwner> _serviceAccountOwners = [];
    // One key instance per identity: the ServiceAccount's, reused by its verdict, so the basis holds each key once.
    private readonly Dictionary<BindingKey, BindingKey> _keys = [];
    private readonly List<(BindingKey Key, string RoleArn)> _irsaUsers = [];
    private readonly List<PlannedBinding> _candidates = [];
    private readonly List<ExcludedBinding> _excluded = [];
    private readonly List<BindingKey> _onPodIdentity = [];
    // Exclusion reasons repeat across thousands of bindings: one string per distinct text, and one list of them per
    // list of reasons (the stores share equal lists, so thousands of exclusions hold a few lists).
    private readonly Dictionary<(string Code, string Summary), string> _reasonTexts = [];
    private readonly Dictionary<IReadOnlyList<AssessmentReason>, IReadOnlyList<string>> _reasonLists = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IReadOnlyList<string>> _onlyReasons = new(StringComparer.Ordinal);
    private bool _verdictsBegun;

    /// <param name="clusters">The run's clusters.</param>
    /// <param name="roles">The run's roles (without their trust policies is enough: the basis keeps those it can touch).</param>
    public PlanBasisBuilder(long runId, IEnumerable<ClusterInventory> clusters, IEnumerable<RoleRecord> roles, PlanningSettings settings)
    {
        _runId = runId;
        _settings = settings;
        _clusters = clusters.ToDictionary(c => c.Ref);
        // One issuer string per cluster (host/path), shared by every binding and IRSA user on it.
        _issuers = _clusters.ToDictionary(c => c.Key, c => RoleArns.IssuerHostPath(c.Value.OidcIssuer));
        _roles = new Dictionary<string, RoleRecord>(StringComparer.Ordinal);
        foreach (var role in roles)
            _roles.TryAdd(role.Arn, role);
    }

    /// <summary>
    /// One IRSA ServiceAccount (annotated with <paramref name="roleArn"/>) as the inventory saw it; all of them come
    /// before the first verdict. A key given twice takes the first one's owner.
    /// </summary>
    public void AddServiceAccount(BindingKey key, string roleArn, ResourceOwner? owner)
    {
        if (_verdictsBegun)
            throw new InvalidOperationException("ServiceAccounts are given before the verdicts: a candidate takes its ServiceAccount's owner when it is added.");
        if (!_keys.TryGetValue(key, out var canonical))
            _keys[key] = canonical = key;
        _irsaUsers.Add((canonical, roleArn));
        if (owner is not null) _serviceAccountOwners.TryAdd(canonical, owner);
    }

    /// <summary>One verdict of the assessment. Identities without an IRSA annotation (Pod Identity only) are neither planned nor excluded.</summary>
    public void AddVerdict(BindingAssessment a)
    {
        _verdictsBegun = true;
        var key = _keys.GetValueOrDefault(a.Key) ?? a.Key;
        if (a.OnPodIdentity) _onPodIdentity.Add(key);
        if (!a.IrsaAnnotated) return;
        if (Guard(a, key) is { } guard)
        {
            _excluded.Add(guard);
            return;
        }
        var role = _roles.GetValueOrDefault(a.RoleArn);
        var saOwner = _serviceAccountOwners.GetValueOrDefault(key);
        _candidates.Add(new PlannedBinding
        {
            Key = key,
            RoleArn = a.RoleArn,
            Category = a.Category,
            Score = a.Score,
            CoordinationGroup = a.Category == BindingCategory.Coordinate ? a.CoordinationGroup ?? a.RoleArn : null,
            OwningAddon = a.OwningAddon,
            Issuer = _issuers.GetValueOrDefault(key.Cluster),
            PodCount = a.PodCount,
            Workloads = a.Workloads,
            RoleOwner = role?.Owner,
            ServiceAccountOwner = saOwner,
            RoleMode = OwnerModes.Of(_settings.OwnerModes, role?.Owner),
            ServiceAccountMode = a.OwningAddon is null ? OwnerModes.Of(_settings.OwnerModes, saOwner) : ExecutionMode.Direct,
        });
    }

    /// <summary>
    /// The basis: candidates and exclusions in binding-key order, the identities on Pod Identity in the order given.
    /// Past this point the plan touches only the candidates' roles (trust, cleanups, planned roles) and the clusters'
    /// node roles (prerequisites): the other roles are let go, and so are the IRSA users of roles it does not touch.
    /// </summary>
    public PlanBasis Build()
    {
        var candidates = _candidates.OrderBy(b => b.Key, BindingKeyTextOrder.Instance).ToList();
        var excluded = _excluded.OrderBy(e => e.Key, BindingKeyTextOrder.Instance).ToList();
        var touched = candidates.Select(b => b.RoleArn).Concat(_clusters.Values.SelectMany(c => c.NodeRoleArns)).ToHashSet(StringComparer.Ordinal);
        // Policies given with the roles (a whole snapshot) are kept apart and compacted; the records keep their size only.
        var roles = new Dictionary<string, RoleRecord>(StringComparer.Ordinal);
        var trust = new Dictionary<string, CompactText>(StringComparer.Ordinal);
        foreach (var (arn, role) in _roles.Where(r => touched.Contains(r.Key)))
        {
            if (role.TrustPolicy is { } text)
                trust[arn] = CompactText.Of(text);
            roles[arn] = role.TrustPolicy is null ? role : role with { TrustPolicy = null, TrustPolicySize = role.TrustPolicySize ?? TrustPolicySize.Count(role.TrustPolicy) };
        }
        var irsaUsers = CleanupPhases.IrsaUsers(_irsaUsers, _issuers, touched);
        return new PlanBasis(_runId, _clusters, roles, irsaUsers, candidates, excluded, _onPodIdentity.ToList()) { TrustPolicies = trust };
    }

    /// <summary>Why a binding (under <paramref name="key"/>, the basis's instance of its key) is left out, or null when it migrates.</summary>
    private ExcludedBinding? Guard(BindingAssessment a, BindingKey key)
    {
        IReadOnlyList<string> Reasons(string fallback)
        {
            if (a.Reasons.Count == 0)
                return Only(fallback);
            if (!_reasonLists.TryGetValue(a.Reasons, out var texts))
                _reasonLists[a.Reasons] = texts = a.Reasons.Select(r => Text(r.Code, r.Summary)).ToList();
            return texts;
        }

        string Text(string code, string summary)
        {
            if (!_reasonTexts.TryGetValue((code, summary), out var text))
                _reasonTexts[(code, summary)] = text = $"{code}: {summary}";
            return text;
        }

        switch (a.Category)
        {
            case BindingCategory.KeepIrsa: return new(key, a.RoleArn, a.Category, Reasons("assessment: keep IRSA"));
            case BindingCategory.Broken: return new(key, a.RoleArn, a.Category, Reasons("assessment: IRSA is broken; fix or retire it first"));
            case BindingCategory.Unused: return new(key, a.RoleArn, a.Category, Reasons("assessment: unused; delete rather than migrate"));
            case BindingCategory.Migrated: return new(key, a.RoleArn, a.Category, Reasons("already on Pod Identity"));
            case BindingCategory.Unassessed: return new(key, a.RoleArn, a.Category, Reasons("assessment: the role could not be read; re-run the inventory"));
        }
        // Defence in depth: the executor must never edit a role the plan cannot safely own.
        if (!_clusters.TryGetValue(key.Cluster, out var cluster))
            return new(key, a.RoleArn, a.Category, Only("planner: cluster is not in the inventory snapshot"));
        if (cluster.CollectionError is not null)
            return new(key, a.RoleArn, a.Category, Only($"planner: cluster was not collected completely ({cluster.CollectionError}); re-run the inventory"));
        if (RoleArns.AccountOf(a.RoleArn) != key.Cluster.AccountId)
            return new(key, a.RoleArn, BindingCategory.KeepIrsa, Only("planner: role is in another account than the cluster; Pod Identity needs a role in the cluster's account (targetRoleArn is out of this plan)"));
        if (_roles.TryGetValue(a.RoleArn, out var role) && !role.Exists)
            return new(key, a.RoleArn, BindingCategory.Broken, Only("planner: role does not exist"));
        return null;
    }

    /// <summary>
    /// The one list holding only <paramref name="reason"/>: every binding left out for the same reason shares it (the
    /// bindings of a cluster collected in part share its collection error, which can run to kilobytes).
    /// </summary>
    private IReadOnlyList<string> Only(string reason)
    {
        if (!_onlyReasons.TryGetValue(reason, out var only))
            _onlyReasons[reason] = only = [reason];
        return only;
    }
}
