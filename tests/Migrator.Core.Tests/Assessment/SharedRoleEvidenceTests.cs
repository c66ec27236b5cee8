using CsCheck;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Assessment;

/// <summary>
/// The shared-role reasons (one pass over each role's bindings, sorted once for the estate) say exactly what the rule
/// says written plainly: every other binding of the role sorted by cluster, namespace and name, the first five named and
/// the rest counted, and the number of other clusters.
/// </summary>
public sealed class SharedRoleEvidenceTests
{
    [Fact]
    public void Shared_role_reasons_equal_the_plain_rule_over_random_estates() =>
        Gen.Int[0, int.MaxValue].Sample(seed => Check(RandomEstate.Build(seed)), iter: 200);

    [Fact]
    public void A_role_on_more_bindings_than_are_named_counts_the_rest_in_its_own_and_in_other_clusters()
    {
        var role = Estates.RoleArnOf("wide");
        var third = new ClusterRef(Estates.Prod, "eu-west-1", "prod");
        var builder = new SnapshotBuilder();
        foreach (var (cluster, count) in new[] { (Estates.East, 8), (Estates.West, 7), (third, 3) })
        {
            for (var i = 0; i < count; i++)
                builder.Binding(cluster, $"ns{i % 3}", $"sa{i}", role);
        }
        var snapshot = builder.Build();

        var reasons = Check(snapshot);

        Assert.Contains(reasons, r => r.Code == ReasonCodes.SharedRole && r.Evidence.Contains(" and 2 more in cluster prod", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Code == ReasonCodes.MultiCluster && r.Evidence.Contains(" and 5 more (2 other cluster(s))", StringComparison.Ordinal));
    }

    /// <summary>Asserts every annotated binding's shared-role reasons against the plain rule; returns them.</summary>
    private static List<AssessmentReason> Check(InventorySnapshot snapshot)
    {
        var assessed = Assessor.Assess(snapshot, new AssessmentSettings(), Estates.At);
        var byRole = EstateFacts.Of(snapshot).SharedRoleBindings.ToLookup(b => b.RoleArn, StringComparer.Ordinal);
        var all = new List<AssessmentReason>();
        foreach (var b in assessed.Bindings.Where(b => b.IrsaAnnotated))
        {
            var actual = b.Reasons.Where(r => r.Code is ReasonCodes.SharedRole or ReasonCodes.MultiCluster).ToList();
            var expected = RoleArn.TryParse(b.RoleArn, out var arn, out _) ? Plain(b.Key, arn!.Value, byRole) : [];
            Assert.Equal(expected.OrderBy(e => e.Code, StringComparer.Ordinal), actual.Select(r => (r.Code, r.Evidence)).OrderBy(e => e.Code, StringComparer.Ordinal));
            all.AddRange(actual);
        }
        return all;
    }

    /// <summary>The rule as first written: sort every other binding of the role, name them all, keep the first five.</summary>
    private static List<(string Code, string Evidence)> Plain(BindingKey key, string arn, ILookup<string, RoleBinding> byRole)
    {
        var others = byRole[arn].Where(s => s.Key != key)
            .OrderBy(s => s.Cluster.Key, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var result = new List<(string, string)>();
        var same = others.Where(s => s.Cluster == key.Cluster).Select(s => $"{s.Namespace}/{s.Name}").ToList();
        if (same.Count > 0)
            result.Add((ReasonCodes.SharedRole, $"role {arn} is also annotated on {Names(same)} in {BindingContext.Describe(key.Cluster)}"));
        var other = others.Where(s => s.Cluster != key.Cluster).ToList();
        if (other.Count > 0)
        {
            var clusters = other.Select(s => s.Cluster).Distinct().Count();
            result.Add((ReasonCodes.MultiCluster,
                $"role {arn} is also annotated on {Names(other.Select(s => $"{s.Cluster.Key}/{s.Namespace}/{s.Name}").ToList())} ({clusters} other cluster(s)); its trust has one statement per cluster issuer"));
        }
        return result;
    }

    private static string Names(List<string> all) =>
        all.Count <= 5 ? string.Join(", ", all) : string.Join(", ", all.Take(5)) + $" and {all.Count - 5} more";
}
