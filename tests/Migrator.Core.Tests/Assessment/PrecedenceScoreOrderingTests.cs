using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

public class PrecedenceScoreOrderingTests
{
    [Theory]
    [InlineData(new[] { ReasonCodes.NoWorkloads, ReasonCodes.RoleMissing, ReasonCodes.Fargate }, BindingCategory.Broken)]
    [InlineData(new[] { ReasonCodes.Fargate, ReasonCodes.Migrated }, BindingCategory.Migrated)]
    [InlineData(new[] { ReasonCodes.SharedRole, ReasonCodes.NoWorkloads, ReasonCodes.Fargate }, BindingCategory.KeepIrsa)]
    [InlineData(new[] { ReasonCodes.SharedRole, ReasonCodes.NoWorkloads }, BindingCategory.Unused)]
    [InlineData(new[] { ReasonCodes.AgentMissing, ReasonCodes.MultiCluster }, BindingCategory.Coordinate)]
    [InlineData(new[] { ReasonCodes.AgentMissing, ReasonCodes.AddonOwned }, BindingCategory.Ready)]
    [InlineData(new[] { ReasonCodes.AgentMissing, ReasonCodes.ClusterPartial }, BindingCategory.Ready)]
    [InlineData(new string[0], BindingCategory.Ready)]
    public void Category_follows_the_most_severe_reason(string[] codes, BindingCategory expected) =>
        Assert.Equal(expected, CategoryPrecedence.Resolve(codes));

    [Fact]
    public void Every_catalog_code_has_a_prefix_matching_its_category()
    {
        foreach (var d in ReasonCatalog.All)
        {
            var prefix = d.Code[..d.Code.IndexOf('.', StringComparison.Ordinal)];
            var expected = prefix switch
            {
                "broken" => BindingCategory.Broken,
                "keep" => BindingCategory.KeepIrsa,
                "unused" => BindingCategory.Unused,
                "coordinate" => BindingCategory.Coordinate,
                "migrated" => BindingCategory.Migrated,
                "unassessed" => BindingCategory.Unassessed,
                _ => (BindingCategory?)null,
            };
            Assert.Equal(expected, d.Category);
        }
    }

    [Fact]
    public void Broken_wins_over_keep_irsa_in_a_real_binding()
    {
        var role = RoleArnOf("orders");
        var builder = new SnapshotBuilder().Binding(East, "shop", "orders", role)
            .EditPods(p => p with { Placement = Placement.Fargate })
            .Role(role, r => r with { Exists = false, TrustPolicy = null });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        Assert.True(b.Has(ReasonCodes.Fargate));
    }

    [Fact]
    public void Score_is_clamped_at_zero_and_weights_are_configurable()
    {
        var role = RoleArnOf("orders");
        var builder = new SnapshotBuilder().Binding(East, "shop", "orders", role)
            .EditPods(p => p with { Placement = Placement.Fargate })
            .Cluster(East, c => c with { KubernetesVersion = "1.22", PlatformVersion = "eks.1" });
        Assert.Equal(0, AssessmentKit.Assess(builder).Binding(East, "shop", "orders").Score);

        var light = new AssessmentSettings { Weights = new() { [ReasonCodes.Fargate] = 7, [ReasonCodes.ClusterUnsupported] = 3 } };
        var b = AssessmentKit.Assess(builder, light).Binding(East, "shop", "orders");
        Assert.Equal(90, b.Score);
        Assert.Equal(7, b.Reason(ReasonCodes.Fargate).ScoreImpact);
        Assert.False(b.CanaryCandidate);
    }

    [Fact]
    public void Scores_stay_within_0_and_100()
    {
        var result = AssessmentKit.Assess(new SnapshotBuilder()
            .Binding(East, "a", "one", RoleArnOf("r1"))
            .Binding(East, "a", "two", "bad-arn")
            .Binding(East, "b", "three", RoleArnOf("r1"), withWorkload: false));
        Assert.All(result.Bindings, b => Assert.InRange(b.Score, 0, 100));
    }

    [Fact]
    public void Bindings_are_ordered_by_cluster_key_namespace_and_service_account()
    {
        var result = AssessmentKit.Assess(new SnapshotBuilder()
            .Binding(West, "b", "z", RoleArnOf("r4"))
            .Binding(East, "b", "a", RoleArnOf("r3"))
            .Binding(East, "a", "z", RoleArnOf("r2"))
            .Binding(East, "a", "b", RoleArnOf("r1")));
        Assert.Equal(
            [$"{East.Key}/a/b", $"{East.Key}/a/z", $"{East.Key}/b/a", $"{West.Key}/b/z"],
            result.Bindings.Select(b => b.Key.ToString()));
        Assert.Equal(7, result.RunId);
        Assert.Equal(At, result.AssessedAt);
    }

    [Fact]
    public void Reasons_are_ordered_by_severity_then_code()
    {
        var role = RoleArnOf("orders");
        var builder = new SnapshotBuilder().Binding(East, "shop", "orders", role).Binding(East, "shop", "payments", role)
            .EditPods(p => p with { Placement = Placement.Windows })
            .Cluster(East, c => c with { PodIdentityAgentStatus = null, KubernetesVersion = "1.23" });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Equal([ReasonCodes.ClusterUnsupported, ReasonCodes.Windows, ReasonCodes.SharedRole, ReasonCodes.AgentMissing], b.Codes());
    }

    [Fact]
    public void Assessment_is_deterministic()
    {
        var builder = new SnapshotBuilder().Binding(East, "shop", "orders", RoleArnOf("o")).Binding(West, "shop", "orders", RoleArnOf("o"));
        var snapshot = builder.Build();
        var first = Assessor.Assess(snapshot, new AssessmentSettings(), At);
        var second = Assessor.Assess(snapshot, new AssessmentSettings(), At);
        Assert.Equal(first.Bindings.SelectMany(b => b.Reasons), second.Bindings.SelectMany(b => b.Reasons));
        Assert.Equal(first.RoleFindings, second.RoleFindings);
    }
}
