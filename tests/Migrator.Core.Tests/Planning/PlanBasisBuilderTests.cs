using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Planning;

public sealed class PlanBasisBuilderTests
{
    private static readonly ClusterRef Cluster = new("111122223333", "us-east-1", "prod");
    private const string Role = "arn:aws:iam::111122223333:role/r";

    [Fact]
    public void A_service_account_given_after_the_verdicts_is_refused()
    {
        var builder = new PlanBasisBuilder(1, [], [], new PlanningSettings());
        builder.AddVerdict(new BindingAssessment { Key = new BindingKey(Cluster, "ns", "sa"), RoleArn = Role, Category = BindingCategory.Ready, Score = 90, IrsaAnnotated = true });

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddServiceAccount(new BindingKey(Cluster, "ns", "other"), Role, null));
        Assert.Contains("before the verdicts", refused.Message);
    }

    [Fact]
    public void The_basis_does_not_depend_on_the_order_the_verdicts_arrive_in()
    {
        var cluster = new ClusterInventory { Ref = Cluster, OidcIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" };
        var verdicts = Enumerable.Range(0, 40).Select(i => new BindingAssessment
        {
            Key = new BindingKey(Cluster, $"ns{i % 7}", $"sa{i}"),
            RoleArn = $"arn:aws:iam::111122223333:role/r{i % 5}",
            Category = i % 4 == 0 ? BindingCategory.KeepIrsa : BindingCategory.Ready,
            Score = 50 + i,
            IrsaAnnotated = true,
            Reasons = i % 4 == 0 ? [new AssessmentReason("keep.test", ReasonSeverity.Blocker, "kept", "", "", 0)] : [],
        }).ToList();
        PlanBasis Build(IEnumerable<BindingAssessment> order)
        {
            var builder = new PlanBasisBuilder(1, [cluster], [], new PlanningSettings());
            foreach (var v in verdicts) builder.AddServiceAccount(v.Key, v.RoleArn, null);
            foreach (var v in order) builder.AddVerdict(v);
            return builder.Build();
        }

        var forward = Build(verdicts);
        var backward = Build(Enumerable.Reverse(verdicts));

        Assert.Equal(forward.Candidates.Select(c => c.Key), backward.Candidates.Select(c => c.Key));
        Assert.Equal(forward.Excluded.Select(e => e.Key), backward.Excluded.Select(e => e.Key));
        Assert.Equal(forward.Candidates.Select(c => c.Key.ToString()).Order(StringComparer.Ordinal), forward.Candidates.Select(c => c.Key.ToString()));
        Assert.Equal(30, forward.Candidates.Count);
        Assert.Equal(10, forward.Excluded.Count);
        // Every IRSA user of a touched role on the issuer, whether it migrates or not.
        Assert.Equal(40, forward.IrsaUsers.Values.Sum(u => u.Count));
    }

    [Fact]
    public void The_basis_holds_one_key_per_identity_and_one_reason_list_per_list_of_reasons()
    {
        var cluster = new ClusterInventory { Ref = Cluster, OidcIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" };
        IReadOnlyList<AssessmentReason> kept = [new AssessmentReason("keep.test", ReasonSeverity.Blocker, "kept", "", "", 0)];
        var builder = new PlanBasisBuilder(1, [cluster], [], new PlanningSettings());
        var saKeys = Enumerable.Range(0, 4).Select(i => new BindingKey(Cluster, "ns", $"sa{i}")).ToList();
        foreach (var key in saKeys) builder.AddServiceAccount(key, Role, null);
        // The verdicts come from another read: equal keys, other instances.
        foreach (var i in Enumerable.Range(0, 4))
            builder.AddVerdict(new BindingAssessment
            {
                Key = new BindingKey(Cluster, "ns", $"sa{i}"), RoleArn = Role, Score = 80, IrsaAnnotated = true,
                Category = i < 2 ? BindingCategory.KeepIrsa : BindingCategory.Ready, Reasons = i < 2 ? kept : [],
            });

        var basis = builder.Build();

        Assert.All(basis.Candidates, c => Assert.Same(saKeys.Single(k => k == c.Key), c.Key));
        Assert.All(basis.Excluded, e => Assert.Same(saKeys.Single(k => k == e.Key), e.Key));
        Assert.Same(basis.Excluded[0].Reasons, basis.Excluded[1].Reasons);
        Assert.Equal(["keep.test: kept"], basis.Excluded[0].Reasons);
        Assert.Same(saKeys[2], basis.IrsaUsers.Values.Single().Single(k => k == saKeys[2]));
    }
}
