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
    private readonly Dictionary<BindingKey, BindingKey> _keys;
    private readonly List<(BindingKey Key, string RoleArn)> _irsaUsers;
    // One string per role ARN: the role record's, taken by the IRSA users, candidates and exclusions that name it (the
    // ServiceAccounts and the verdicts come with their own copies: at 100x about 64,000 ARNs, 10 MB a copy).
    private readonly Dictionary<string, string> _arns;
    private readonly List<PlannedBinding> _candidates;
    private readonly List<ExcludedBinding> _excluded = [];
    private readonly List<BindingKey> _onPodIdentity = [];
    // Exclusion reasons repeat across thousands of bindings: one string per distinct text, and one list of them per
    // list of reasons (the stores share equal lists, so thousands of exclusions hold a few lists).
    private readonly Dictionary<(string Code, string Summary), string> _reasonTexts = [];
    private readonly Dictionary<IReadOnlyList<AssessmentReason>, IReadOnlyList<string>> _reasonLists = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IReadOnlyList<string>> _onlyReasons = new(StringComparer.Ordinal);
    private bool _verdictsBegun;
    private bool _built;

    /// <param name="clusters">The run's clusters.</param>
    /// <param name="roles">The run's roles (without their trust policies is enough: the basis keeps those it can touch).</param>
    /// <param name="expectedServiceAccounts">
    /// How many IRSA ServiceAccounts will be given (the run's count; 0 when unknown): the key index, the IRSA users and
    /// the candidates are sized for them once. Grown by doubling instead, at 200,000 bindings they left about 30 MB of
    /// outgrown arrays on the large object heap, held until the next full collection.
    /// </param>
    public PlanBasisBuilder(long runId, IEnumerable<ClusterInventory> clusters, IEnumerable<RoleRecord> roles, PlanningSettings settings, int expectedServiceAccounts = 0)
    {
        _runId = runId;
        _settings = settings;
        var expected = Math.Max(0, expectedServiceAccounts);
        _keys = new Dictionary<BindingKey, BindingKey>(expected);
        _irsaUsers = new List<(BindingKey Key, string RoleArn)>(expected);
        _candidates = new List<PlannedBinding>(expected);
        _clusters = clusters.ToDictionary(c => c.Ref);
        // One issuer string per cluster (host/path), shared by every binding and IRSA user on it.
        _issuers = _clusters.ToDictionary(c => c.Key, c => RoleArns.IssuerHostPath(c.Value.OidcIssuer));
        _roles = new Dictionary<string, RoleRecord>(roles.TryGetNonEnumeratedCount(out var roleCount) ? roleCount : 0, StringComparer.Ordinal);
        foreach (var role in roles)
            _roles.TryAdd(role.Arn, role);
        _arns = new Dictionary<string, string>(_roles.Count, StringComparer.Ordinal);
        foreach (var arn in _roles.Keys)
            _arns[arn] = arn;
    }

    /// <summary>
    /// One IRSA ServiceAccount (annotated with <paramref name="roleArn"/>) as the inventory saw it; all of them come
    /// before the first verdict. A key given twice takes the first one's owner.
    /// </summary>
    public void AddServiceAccount(BindingKey key, string roleArn, ResourceOwner? owner)
    {
        ThrowIfBuilt();
        if (_verdictsBegun)
            throw new InvalidOperationException("ServiceAccounts are given before the verdicts: a candidate takes its ServiceAccount's owner when it is added.");
        if (!_keys.TryGetValue(key, out var canonical))
            _keys[key] = canonical = key;
        _irsaUsers.Add((canonical, Arn(roleArn)));
        if (owner is not null) _serviceAccountOwners.TryAdd(canonical, owner);
    }

    /// <summary>One verdict of the assessment. Identities without an IRSA annotation (Pod Identity only) are neither planned nor excluded.</summary>
    public void AddVerdict(BindingAssessment a)
    {
        ThrowIfBuilt();
        _verdictsBegun = true;
        var key = _keys.GetValueOrDefault(a.Key) ?? a.Key;
        var roleArn = Arn(a.RoleArn);
        if (a.OnPodIdentity) _onPodIdentity.Add(key);
        if (!a.IrsaAnnotated) return;
        if (Guard(a, key, roleArn) is { } guard)
        {
            _excluded.Add(guard);
            return;
        }
        var role = _roles.GetValueOrDefault(roleArn);
        var saOwner = _serviceAccountOwners.GetValueOrDefault(key);
        _candidates.Add(new PlannedBinding
        {
            Key = key,
            RoleArn = roleArn,
            Category = a.Category,
            Score = a.Score,
            CoordinationGroup = a.Category == BindingCategory.Coordinate ? (a.CoordinationGroup is { } group ? _arns.GetValueOrDefault(group, group) : roleArn) : null,
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
        ThrowIfBuilt();
        // Sorted in place (each key is given once, so the order is total and a stable sort would give the same): a sorted
        // copy of 160,000 candidates is a large-object buffer and list more.
        _candidates.Sort(static (a, b) => BindingKeyTextOrder.Instance.Compare(a.Key, b.Key));
        _excluded.Sort(static (a, b) => BindingKeyTextOrder.Instance.Compare(a.Key, b.Key));
        // The builder hands its lists over: it takes nothing after this.
        _built = true;
        var (candidates, excluded) = (_candidates, _excluded);
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

    /// <summary>The one instance of this ARN the basis holds (the role record's when the run has the role).</summary>
    private string Arn(string arn)
    {
        if (_arns.TryGetValue(arn, out var known)) return known;
        _arns[arn] = arn;
        return arn;
    }

    private void ThrowIfBuilt()
    {
        if (_built)
            throw new InvalidOperationException("this basis is built: a PlanBasisBuilder builds one basis, and takes nothing after it.");
    }

    /// <summary>Why a binding (under <paramref name="key"/>, the basis's instance of its key) is left out, or null when it migrates.</summary>
    private ExcludedBinding? Guard(BindingAssessment a, BindingKey key, string roleArn)
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
            case BindingCategory.KeepIrsa: return new(key, roleArn, a.Category, Reasons("assessment: keep IRSA"));
            case BindingCategory.Broken: return new(key, roleArn, a.Category, Reasons("assessment: IRSA is broken; fix or retire it first"));
            case BindingCategory.Unused: return new(key, roleArn, a.Category, Reasons("assessment: unused; delete rather than migrate"));
            case BindingCategory.Migrated: return new(key, roleArn, a.Category, Reasons("already on Pod Identity"));
            case BindingCategory.Unassessed: return new(key, roleArn, a.Category, Reasons("assessment: the role could not be read; re-run the inventory"));
        }
        // Defence in depth: the executor must never edit a role the plan cannot safely own.
        if (!_clusters.TryGetValue(key.Cluster, out var cluster))
            return new(key, roleArn, a.Category, Only("planner: cluster is not in the inventory snapshot"));
        if (cluster.CollectionError is not null)
            return new(key, roleArn, a.Category, Only($"planner: cluster was not collected completely ({cluster.CollectionError}); re-run the inventory"));
        if (RoleArns.AccountOf(roleArn) != key.Cluster.AccountId)
            return new(key, roleArn, BindingCategory.KeepIrsa, Only("planner: role is in another account than the cluster; Pod Identity needs a role in the cluster's account (targetRoleArn is out of this plan)"));
        if (_roles.TryGetValue(roleArn, out var role) && !role.Exists)
            return new(key, roleArn, BindingCategory.Broken, Only("planner: role does not exist"));
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
