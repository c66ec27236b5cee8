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

    [Fact]
    public void The_basis_holds_one_string_per_role_arn_the_role_records()
    {
        var cluster = new ClusterInventory { Ref = Cluster, OidcIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" };
        var record = new RoleRecord { Arn = Role, AccountId = "111122223333", Name = "r" };
        // The ServiceAccounts, the verdicts and the trust policies come from other reads: equal ARNs, other strings.
        string Copy() => new(Role.AsSpan());
        var builder = new PlanBasisBuilder(1, [cluster], [record], new PlanningSettings());
        foreach (var i in Enumerable.Range(0, 4))
            builder.AddServiceAccount(new BindingKey(Cluster, "ns", $"sa{i}"), Copy(), null);
        foreach (var i in Enumerable.Range(0, 4))
            builder.AddVerdict(new BindingAssessment
            {
                Key = new BindingKey(Cluster, "ns", $"sa{i}"), RoleArn = Copy(), Score = 80, IrsaAnnotated = true,
                Category = i switch { 0 => BindingCategory.KeepIrsa, 1 => BindingCategory.Coordinate, _ => BindingCategory.Ready },
                CoordinationGroup = i == 1 ? Copy() : null,
            });

        var basis = builder.Build().WithTrustPolicies(new Dictionary<string, string> { [Copy()] = """{"Version":"2012-10-17","Statement":[]}""" });

        Assert.Equal(3, basis.Candidates.Count);
        Assert.All(basis.Candidates, c => Assert.Same(record.Arn, c.RoleArn));
        Assert.Same(record.Arn, basis.Candidates.Single(c => c.Category == BindingCategory.Coordinate).CoordinationGroup);
        Assert.Same(record.Arn, Assert.Single(basis.Excluded).RoleArn);
        Assert.Same(record.Arn, basis.IrsaUsers.Keys.Single().Role);
        Assert.Same(record.Arn, basis.TrustPolicies.Keys.Single());
    }

    [Fact]
    public void The_expected_count_sizes_the_basis_without_changing_it_and_a_built_builder_takes_nothing_more()
    {
        var cluster = new ClusterInventory { Ref = Cluster, OidcIssuer = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC" };
        var verdicts = Enumerable.Range(0, 30).Select(i => new BindingAssessment
        {
            Key = new BindingKey(Cluster, $"ns{i % 4}", $"sa{29 - i}"), RoleArn = $"arn:aws:iam::111122223333:role/r{i % 3}",
            Category = i % 5 == 0 ? BindingCategory.Broken : BindingCategory.Ready, Score = i, IrsaAnnotated = true,
        }).ToList();
        (PlanBasis Basis, PlanBasisBuilder Builder) Build(int expected)
        {
            var builder = new PlanBasisBuilder(1, [cluster], [], new PlanningSettings(), expected);
            foreach (var v in verdicts) builder.AddServiceAccount(v.Key, v.RoleArn, null);
            foreach (var v in verdicts) builder.AddVerdict(v);
            return (builder.Build(), builder);
        }

        var unsized = Build(0).Basis;
        foreach (var expected in new[] { 1, 30, 1000 })
        {
            var (sized, builder) = Build(expected);
            Assert.Equal(unsized.Candidates, sized.Candidates);
            Assert.Equal(unsized.Excluded.Select(e => (e.Key, e.Category)), sized.Excluded.Select(e => (e.Key, e.Category)));
            Assert.Throws<InvalidOperationException>(() => builder.Build());
            Assert.Throws<InvalidOperationException>(() => builder.AddVerdict(verdicts[0]));
        }
        Assert.Equal(unsized.Candidates.Select(c => c.Key.ToString()).Order(StringComparer.Ordinal), unsized.Candidates.Select(c => c.Key.ToString()));
        Assert.Equal(24, unsized.Candidates.Count);
    }
}
