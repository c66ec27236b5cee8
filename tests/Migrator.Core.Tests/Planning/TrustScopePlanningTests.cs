using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Tests.Execution;
using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Planning;

/// <summary>
/// The trust size limit end to end: decided at planning (exact, refused, or widened as configured), shown as planned,
/// written exactly as approved, and rolled back exactly.
/// </summary>
public class TrustScopePlanningTests
{
    private static readonly string Big = TestEstate.RoleArn("big");
    private static readonly string Solo = TestEstate.RoleArn("solo");
    private static readonly PlanningSettings Base = new() { CanarySize = 0, MaxWaveSize = 20, SoakPeriod = TimeSpan.FromDays(1) };

    private static readonly BindingKey[] BigBindings = Enumerable.Range(0, 12)
        .Select(i => new BindingKey(TestEstate.East, $"ns-{i % 6}", $"service-account-of-workload-{i}")).ToArray();

    /// <summary>One role shared by twelve service accounts in six namespaces (exact trust is about 2,300 characters) and a small role.</summary>
    private static TestEstate Estate()
    {
        var e = new TestEstate()
            .Cluster(TestEstate.East, TestEstate.EastIssuer, "ACTIVE")
            .Role(Big, TestEstate.IrsaTrust((TestEstate.EastIssuer, BigBindings.Select(b => $"{b.Namespace}:{b.ServiceAccount}").ToArray())))
            .Role(Solo, TestEstate.IrsaTrust((TestEstate.EastIssuer, ["solo:one"])));
        foreach (var b in BigBindings)
            e.Binding(TestEstate.East, b.Namespace, b.ServiceAccount, Big, BindingCategory.Coordinate, 60, group: Big, workloads: (WorkloadKind.Deployment, b.ServiceAccount));
        e.Binding(TestEstate.East, "solo", "one", Solo, BindingCategory.Ready, 90, workloads: (WorkloadKind.Deployment, "one"));
        return e;
    }

    private static AddPodIdentityTrustStep TrustStep(MigrationPlan plan, string role) =>
        plan.Phases.SelectMany(p => p.Steps).OfType<AddPodIdentityTrustStep>().Single(s => s.RoleArn == role);

    private static bool Trusted(string document, BindingKey b) =>
        TrustEvaluator.EvaluatePodIdentity(TrustPolicyParser.Parse(document).Policy!, new PodIdentityRequest(b.Cluster.Arn, b.Namespace, b.ServiceAccount)).Allowed;

    private static string Planned(string original, PodIdentityScope widest, int limit = 2048) =>
        TrustPolicyRewriter.AddPodIdentityTrust(original, TrustScoping.Bindings(BigBindings), new TrustRewriteOptions { SizeLimit = limit, Widest = widest }).Document;

    [Fact]
    public void Exact_scope_that_fits_is_planned_exactly()
    {
        var plan = Planner.Create(Estate().Assessment(), Estate().Snapshot(), Base with { TrustSizeLimit = 4096 }, DateTimeOffset.UnixEpoch);

        Assert.Empty(plan.Excluded);
        var step = TrustStep(plan, Big);
        Assert.Equal(PodIdentityScope.ServiceAccount, step.TrustScope);
        Assert.Contains("scoped by session tags to", step.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("WIDENED", step.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_moving_over_several_waves_is_rewritten_from_its_previous_waves_document()
    {
        // The big role's twelve bindings as Ready identities of their own, cut into waves of four: each wave's trust step
        // adds its bindings to the document the earlier waves wrote.
        var estate = new TestEstate()
            .Cluster(TestEstate.East, TestEstate.EastIssuer, "ACTIVE")
            .Role(Big, TestEstate.IrsaTrust((TestEstate.EastIssuer, BigBindings.Select(b => $"{b.Namespace}:{b.ServiceAccount}").ToArray())));
        foreach (var b in BigBindings)
            estate.Binding(TestEstate.East, b.Namespace, b.ServiceAccount, Big, BindingCategory.Ready, 90, workloads: (WorkloadKind.Deployment, b.ServiceAccount));
        var original = estate.Snapshot().Roles.Single(r => r.Arn == Big).TrustPolicy!;
        int Size(IEnumerable<BindingKey> bindings) =>
            TrustPolicyRewriter.AddPodIdentityTrust(original, TrustScoping.Bindings([.. bindings]), new TrustRewriteOptions { SizeLimit = 100_000 }).Size;
        // A limit any four of the bindings fit under, written from the inventoried policy, and all twelve do not.
        var four = BigBindings.Chunk(4).Max(Size);
        var twelve = Size(BigBindings);
        Assert.True(twelve - four > 100, $"four {four}, twelve {twelve}");
        var settings = Base with { MaxWaveSize = 4, TrustSizeLimit = (four + twelve) / 2 };

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), settings, DateTimeOffset.UnixEpoch);
        var wide = Planner.Create(estate.Assessment(), estate.Snapshot(), settings with { TrustSizeLimit = 100_000 }, DateTimeOffset.UnixEpoch);

        // With room, every wave writes the role's trust, each from the document before it.
        Assert.True(wide.Phases.Count(p => p.Steps.OfType<AddPodIdentityTrustStep>().Any(s => s.RoleArn == Big)) >= 3);
        Assert.Empty(wide.Excluded);
        // At the limit, the waves together outgrow it: the role is left out, as no wave alone would have been.
        Assert.Equal(BigBindings.Length, plan.Excluded.Count(e => e.RoleArn == Big));
        Assert.Contains($"over the limit of {settings.TrustSizeLimit}", plan.Excluded[0].Reasons.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_scope_over_the_limit_leaves_the_role_out_at_planning_with_size_limit_quota_and_fixes()
    {
        var estate = Estate();
        var exact = TrustPolicyRewriter.AddPodIdentityTrust(estate.Snapshot().Roles.Single(r => r.Arn == Big).TrustPolicy!, TrustScoping.Bindings(BigBindings), new TrustRewriteOptions { SizeLimit = 100_000 });
        Assert.True(exact.Size > 2048, $"exact size {exact.Size}");

        var plan = Planner.Create(estate.Assessment(), estate.Snapshot(), Base, DateTimeOffset.UnixEpoch);

        Assert.Equal(BigBindings.OrderBy(k => k.ToString(), StringComparer.Ordinal), plan.Excluded.Select(e => e.Key));
        var reason = plan.Excluded[0].Reasons.Single();
        Assert.Contains($"role {Big}", reason, StringComparison.Ordinal);
        Assert.Contains($"would make the policy {exact.Size} characters", reason, StringComparison.Ordinal);
        Assert.Contains("over the limit of 2048", reason, StringComparison.Ordinal);
        Assert.Contains("\"Role trust policy length\" through Service Quotas", reason, StringComparison.Ordinal);
        Assert.Contains("Planning:TrustSizeLimit", reason, StringComparison.Ordinal);
        Assert.Contains("Planning:TrustWidening", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Steps), s => s.RoleArn == Big);
        Assert.DoesNotContain(plan.Roles, r => r.Arn == Big);
        Assert.Equal(PodIdentityScope.ServiceAccount, TrustStep(plan, Solo).TrustScope);
    }

    [Fact]
    public async Task Configured_widening_is_planned_shown_written_exactly_and_rolled_back_exactly()
    {
        var h = new Harness(Estate(), Base with { TrustWidening = TrustWidening.ClusterNamespace });
        var original = h.World.Trust[Big];

        var step = TrustStep(h.Plan, Big);
        Assert.Equal(PodIdentityScope.Namespace, step.TrustScope);
        Assert.Contains("WIDENED to cluster prod / namespace ns-0, cluster prod / namespace ns-1", step.Describe(), StringComparison.Ordinal);
        Assert.Empty(h.Plan.Excluded);

        await h.RunAsync(0);
        var wave = h.Plan.Phases.Single(p => p.Steps.Contains(step)).Number;
        var run = await h.RunAsync(wave);

        Assert.Equal(PhaseRunStatus.Completed, run.Status);
        Assert.Equal(Planned(original, PodIdentityScope.Namespace), h.World.Trust[Big]);
        Assert.All(BigBindings, b => Assert.True(Trusted(h.World.Trust[Big], b)));
        Assert.True(Trusted(h.World.Trust[Big], new BindingKey(TestEstate.East, "ns-0", "anyone")));
        Assert.False(Trusted(h.World.Trust[Big], new BindingKey(TestEstate.East, "other", "anyone")));

        var back = await h.RollbackAsync(wave);

        Assert.Equal(PhaseRunStatus.Completed, back.Status);
        Assert.Equal(original, h.World.Trust[Big]);
    }

    [Fact]
    public async Task Binding_rollback_keeps_a_widened_statement_the_other_bindings_still_need()
    {
        var h = new Harness(Estate(), Base with { TrustWidening = TrustWidening.ClusterNamespace });
        await h.RunAsync(0);
        var wave = h.Plan.Phases.Single(p => p.Steps.Contains(TrustStep(h.Plan, Big))).Number;
        await h.RunAsync(wave);

        var r = await h.Executor().RollbackBindingAsync(h.Plan, BigBindings[0], "test-holder", CancellationToken.None);

        Assert.Equal(BindingResult.Succeeded, Assert.Single(r.Bindings).Result);
        // ns-0 is shared with BigBindings[6], still migrated: its widened statement stays.
        Assert.All(BigBindings.Skip(1), b => Assert.True(Trusted(h.World.Trust[Big], b), $"{b} lost its trust"));
    }

    [Fact]
    public async Task Execution_refuses_and_journals_a_trust_write_wider_than_approved()
    {
        var h = new Harness(Estate(), Base with { TrustSizeLimit = 4096 });
        Assert.Equal(PodIdentityScope.ServiceAccount, TrustStep(h.Plan, Big).TrustScope);
        await h.RunAsync(0);
        var original = h.World.Trust[Big];
        // The executor sees a lower limit (settings changed after approval): exact no longer fits, and widening was
        // not approved, so nothing is written.
        var lowered = h.Plan with { Settings = h.Plan.Settings with { TrustSizeLimit = 2048, TrustWidening = TrustWidening.Unscoped } };
        var executor = new PhaseExecutor(new ExecutionPorts(h.World, h.World, h.World, h.Journal, RewriterTrustEditor.For(lowered)), Harness.Settings with { FailureRateThreshold = 1 }, h.Time);
        var wave = h.Plan.Phases.Single(p => p.Steps.Contains(TrustStep(h.Plan, Big))).Number;

        var r = await executor.RunPhaseAsync(lowered, wave, h.Approvals, "test-holder", CancellationToken.None);

        Assert.All(r.Bindings.Where(b => BigBindings.Contains(b.Key)), b => Assert.NotEqual(BindingResult.Succeeded, b.Result));
        Assert.Equal(original, h.World.Trust[Big]);
        var entry = Assert.Single(h.Journal.Entries, e => e.StepKind == StepKind.AddPodIdentityTrust && e.RoleArn == Big);
        Assert.Equal(JournalStatus.Failed, entry.Status);
        Assert.Contains("approved trust scoped by cluster, namespace and service account", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.World.Associations, a => a.RoleArn == Big);
    }
}
