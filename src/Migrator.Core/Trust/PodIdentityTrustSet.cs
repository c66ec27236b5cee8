using System.Text.RegularExpressions;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// What the Migrator's own Pod Identity statements (Sid MigratorPodIdentity, MigratorPodIdentity2, ...) trust, as
/// sets per scope: exact (cluster, namespace, service account) triples, (cluster, namespace) pairs, clusters, or
/// everything. IAM AND-s condition keys, so one statement with lists for cluster, namespace and service account
/// admits their cross-product; the set is therefore written as several statements, each a product that lies wholly
/// inside the set (<see cref="Products"/>), so nothing outside the set is admitted. Adding never merges existing
/// entries into wider ones (<see cref="With"/>), so removing what was added gives back exactly what was there.
/// </summary>
internal sealed partial class PodIdentityTrustSet
{
    public const string SidPrefix = "MigratorPodIdentity";

    public HashSet<(string Cluster, string Namespace, string ServiceAccount)> Triples { get; } = [];
    public HashSet<(string Cluster, string Namespace)> Pairs { get; } = [];
    public HashSet<string> Clusters { get; } = new(StringComparer.Ordinal);
    public bool Unscoped { get; set; }

    public bool IsEmpty => !Unscoped && Clusters.Count == 0 && Pairs.Count == 0 && Triples.Count == 0;

    /// <summary>Our statements (1-based numbers) and what they trust; other statements are left alone.</summary>
    public static (PodIdentityTrustSet Set, List<int> Statements) Decode(TrustPolicy policy)
    {
        var set = new PodIdentityTrustSet();
        var ours = new List<int>();
        foreach (var s in policy.Statements)
        {
            if (TryDecode(s, set))
                ours.Add(s.Number);
        }
        return (set, ours);
    }

    public static bool IsOurSid(string? sid) => sid is not null && OurSid().IsMatch(sid);

    private static bool TryDecode(TrustStatement s, PodIdentityTrustSet set)
    {
        if (!IsOurSid(s.Sid) || s.Effect != PolicyEffect.Allow || s.IsNotPrincipal || s.IsNotAction
            || s.Principals.IsEveryone || s.Principals.ByType.Count != 1
            || s.Principals.Of("Service") is not [PodIdentityRequest.ServicePrincipal]
            || !s.Actions.Contains(PodIdentityRequest.AssumeRole) || !s.Actions.Contains(PodIdentityRequest.TagSession) || s.Actions.Count != 2)
            return false;
        if (s.Conditions.Any(c => c.Operator.Name != "StringEquals"))
            return false;
        IReadOnlyList<string>? Values(string key)
        {
            var matches = s.Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).ToList();
            return matches.Count == 1 ? matches[0].Values : null;
        }
        var clusters = Values(PodIdentityRequest.ClusterArnTag);
        var namespaces = Values(PodIdentityRequest.NamespaceTag);
        var accounts = Values(PodIdentityRequest.ServiceAccountTag);
        var known = new[] { clusters, namespaces, accounts }.Count(v => v is not null);
        if (known != s.Conditions.Count)
            return false;
        switch (clusters, namespaces, accounts)
        {
            case (null, null, null):
                set.Unscoped = true;
                return true;
            case ({ } c, null, null):
                set.Clusters.UnionWith(c);
                return true;
            case ({ } c, { } n, null):
                foreach (var x in c) foreach (var y in n) set.Pairs.Add((x, y));
                return true;
            case ({ } c, { } n, { } a):
                foreach (var x in c) foreach (var y in n) foreach (var z in a) set.Triples.Add((x, y, z));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether a binding is trusted by the set at any scope.</summary>
    public bool Admits(PodIdentityBinding b) =>
        Unscoped || Clusters.Contains(b.ClusterArn) || Pairs.Contains((b.ClusterArn, b.Namespace))
        || Triples.Contains((b.ClusterArn, b.Namespace, b.ServiceAccount));

    public void Add(PodIdentityBinding b, PodIdentityScope scope)
    {
        switch (scope)
        {
            case PodIdentityScope.ServiceAccount: Triples.Add((b.ClusterArn, b.Namespace, b.ServiceAccount)); break;
            case PodIdentityScope.Namespace: Pairs.Add((b.ClusterArn, b.Namespace)); break;
            case PodIdentityScope.Cluster: Clusters.Add(b.ClusterArn); break;
            default: Unscoped = true; break;
        }
    }

    /// <summary>
    /// Removes the binding's entries at scopes up to <paramref name="widest"/> (the scope it was added at), except an
    /// entry that also admits a binding in <paramref name="keep"/> (a widened statement others still rely on).
    /// Returns the scopes whose entry went and those whose entry stayed for a kept binding.
    /// </summary>
    public (List<PodIdentityScope> Removed, List<PodIdentityScope> KeptFor) Remove(PodIdentityBinding b, PodIdentityScope widest, IReadOnlyCollection<PodIdentityBinding> keep)
    {
        var removed = new List<PodIdentityScope>();
        var kept = new List<PodIdentityScope>();
        foreach (var scope in Enum.GetValues<PodIdentityScope>().Where(s => s <= widest))
        {
            if (!Has(b, scope))
                continue;
            Set(b, scope, false);
            // A kept binding that only this entry trusted keeps it (one trusted by its own entry does not need it).
            if (keep.Any(k => k != b && Covers(b, scope, k) && !Admits(k)))
            {
                Set(b, scope, true);
                kept.Add(scope);
                continue;
            }
            removed.Add(scope);
        }
        return (removed, kept);
    }

    private void Set(PodIdentityBinding b, PodIdentityScope scope, bool present)
    {
        if (!present && scope == PodIdentityScope.Unscoped)
            Unscoped = false;
        else if (!present)
            _ = scope switch
            {
                PodIdentityScope.ServiceAccount => Triples.Remove((b.ClusterArn, b.Namespace, b.ServiceAccount)),
                PodIdentityScope.Namespace => Pairs.Remove((b.ClusterArn, b.Namespace)),
                _ => Clusters.Remove(b.ClusterArn),
            };
        else
            Add(b, scope);
    }

    /// <summary>Whether the set holds the binding's entry at exactly this scope.</summary>
    public bool Has(PodIdentityBinding b, PodIdentityScope scope) => scope switch
    {
        PodIdentityScope.ServiceAccount => Triples.Contains((b.ClusterArn, b.Namespace, b.ServiceAccount)),
        PodIdentityScope.Namespace => Pairs.Contains((b.ClusterArn, b.Namespace)),
        PodIdentityScope.Cluster => Clusters.Contains(b.ClusterArn),
        _ => Unscoped,
    };

    /// <summary>Whether the entry for <paramref name="b"/> at <paramref name="scope"/> also admits <paramref name="other"/>.</summary>
    public static bool Covers(PodIdentityBinding b, PodIdentityScope scope, PodIdentityBinding other) => scope switch
    {
        PodIdentityScope.ServiceAccount => b == other,
        PodIdentityScope.Namespace => b.ClusterArn == other.ClusterArn && b.Namespace == other.Namespace,
        PodIdentityScope.Cluster => b.ClusterArn == other.ClusterArn,
        _ => true,
    };

    /// <summary>
    /// A copy with the bindings' entries added at <paramref name="scope"/>. Existing entries are kept as they are, even
    /// when a new wider entry covers them, so removing the new entries gives back exactly the set before.
    /// </summary>
    public PodIdentityTrustSet With(IEnumerable<PodIdentityBinding> bindings, PodIdentityScope scope)
    {
        // Unscoped needs no binding: the plain statement asked for without bindings is this entry alone.
        var copy = new PodIdentityTrustSet { Unscoped = Unscoped || scope == PodIdentityScope.Unscoped };
        copy.Clusters.UnionWith(Clusters);
        copy.Pairs.UnionWith(Pairs);
        copy.Triples.UnionWith(Triples);
        foreach (var b in bindings)
            copy.Add(b, scope);
        return copy;
    }

    /// <summary>
    /// Products (clusters × namespaces × service accounts; null = any) whose union is exactly the set: triples are
    /// grouped by (cluster, namespace) into service-account sets, pairs with the same set are grouped by cluster into
    /// namespace sets, and clusters with the same namespace set are merged. Each product lies inside the set.
    /// </summary>
    public List<(List<string>? Clusters, List<string>? Namespaces, List<string>? ServiceAccounts)> Products()
    {
        var result = new List<(List<string>?, List<string>?, List<string>?)>();
        // Entries a wider one covers are written too: they are what stays when the wider entry is removed.
        if (Unscoped)
            result.Add((null, null, null));
        if (Clusters.Count > 0)
            result.Add((Sorted(Clusters), null, null));
        foreach (var (c, n) in Group(Pairs.Select(p => (p.Cluster, p.Namespace))))
            result.Add((c, n, null));
        var bySaSet = Triples.GroupBy(t => (t.Cluster, t.Namespace))
            .Select(g => (g.Key, Accounts: Sorted(g.Select(t => t.ServiceAccount))))
            .GroupBy(x => string.Join("\n", x.Accounts), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var tripleProducts = new List<(List<string>?, List<string>?, List<string>?)>();
        foreach (var group in bySaSet)
        {
            var accounts = group.First().Accounts;
            foreach (var (c, n) in Group(group.Select(x => x.Key)))
                tripleProducts.Add((c, n, accounts));
        }
        result.AddRange(tripleProducts.OrderBy(p => p.Item1![0], StringComparer.Ordinal).ThenBy(p => p.Item2![0], StringComparer.Ordinal));
        return result;
    }

    /// <summary>Pairs as products: namespace sets per cluster, clusters with equal namespace sets merged.</summary>
    private static IEnumerable<(List<string> Clusters, List<string> Namespaces)> Group(IEnumerable<(string Cluster, string Namespace)> pairs) =>
        pairs.GroupBy(p => p.Cluster, StringComparer.Ordinal)
            .Select(g => (Cluster: g.Key, Namespaces: Sorted(g.Select(p => p.Namespace))))
            .GroupBy(x => string.Join("\n", x.Namespaces), StringComparer.Ordinal)
            .Select(g => (Sorted(g.Select(x => x.Cluster)), g.First().Namespaces))
            .OrderBy(p => p.Item1[0], StringComparer.Ordinal);

    /// <summary>The statements for the set, named MigratorPodIdentity, MigratorPodIdentity2, ... avoiding taken Sids.</summary>
    public List<PolicyObject> ToStatements(ISet<string> takenSids)
    {
        var statements = new List<PolicyObject>();
        var n = 1;
        foreach (var (clusters, namespaces, accounts) in Products())
        {
            string sid;
            do
            {
                sid = n == 1 ? SidPrefix : SidPrefix + n;
                n++;
            }
            while (takenSids.Contains(sid));
            var statement = new PolicyObject();
            statement.Properties.Add(new PolicyProperty("Sid", new PolicyString(sid)));
            statement.Properties.Add(new PolicyProperty("Effect", new PolicyString("Allow")));
            var principal = new PolicyObject();
            principal.Properties.Add(new PolicyProperty("Service", new PolicyString(PodIdentityRequest.ServicePrincipal)));
            statement.Properties.Add(new PolicyProperty("Principal", principal));
            statement.Properties.Add(new PolicyProperty("Action", List([PodIdentityRequest.AssumeRole, PodIdentityRequest.TagSession])));
            if (clusters is not null)
            {
                var equals = new PolicyObject();
                equals.Properties.Add(new PolicyProperty(PodIdentityRequest.ClusterArnTag, ValueOrList(clusters)));
                if (namespaces is not null)
                    equals.Properties.Add(new PolicyProperty(PodIdentityRequest.NamespaceTag, ValueOrList(namespaces)));
                if (accounts is not null)
                    equals.Properties.Add(new PolicyProperty(PodIdentityRequest.ServiceAccountTag, ValueOrList(accounts)));
                var condition = new PolicyObject();
                condition.Properties.Add(new PolicyProperty("StringEquals", equals));
                statement.Properties.Add(new PolicyProperty("Condition", condition));
            }
            statements.Add(statement);
        }
        return statements;
    }

    private static PolicyNode ValueOrList(List<string> values) => values.Count == 1 ? new PolicyString(values[0]) : List(values);

    private static PolicyArray List(IEnumerable<string> values)
    {
        var list = new PolicyArray();
        list.Items.AddRange(values.Select(v => new PolicyString(v)));
        return list;
    }

    private static List<string> Sorted(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^MigratorPodIdentity[0-9]*$")]
    private static partial Regex OurSid();
}
