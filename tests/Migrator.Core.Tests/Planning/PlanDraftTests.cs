using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Planning;

/// <summary>
/// The plan as decided, with its phases' steps built as they are walked (the planning stage stores it phase by phase):
/// every walk builds the same phases, numbered as announced, and the trust scopes decided at planning.
/// </summary>
public class PlanDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlanningSettings Settings = new() { CanarySize = 2, MaxWaveSize = 3, SoakPeriod = TimeSpan.FromDays(3) };

    private static string Json(IEnumerable<Phase> phases, PlanDraft draft) => PlanJson.Serialize(draft.Header with { Phases = phases.ToList() });

    [Fact]
    public void A_draft_announces_its_phases_and_every_walk_builds_the_same_ones()
    {
        var estate = TestEstate.Standard();
        var draft = Planner.Draft(estate.Assessment(), estate.Snapshot(), Settings, Now);

        var first = draft.Phases().ToList();
        var second = draft.Phases().ToList();

        Assert.Empty(draft.Header.Phases);
        Assert.Equal(draft.PhaseCount, first.Count);
        Assert.Equal(Enumerable.Range(0, draft.PhaseCount), first.Select(p => p.Number));
        Assert.Equal(Json(first, draft), Json(second, draft));
        Assert.NotSame(first[1].Steps, second[1].Steps);
        Assert.Equal(first.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Bindings).Select(b => b.Key), draft.Migrating.Select(b => b.Key));
        Assert.Equal(PlanJson.Serialize(Planner.Create(estate.Assessment(), estate.Snapshot(), Settings, Now)), Json(first, draft));
    }

    [Fact]
    public void Trust_scopes_decided_at_planning_are_on_every_walk_of_a_role_that_spans_waves()
    {
        // One role shared by eight Ready service accounts in four namespaces: waves of three split it over three waves,
        // and each wave's rewrite starts from the document the previous wave wrote.
        var role = TestEstate.RoleArn("spread");
        var keys = Enumerable.Range(0, 8).Select(i => new BindingKey(TestEstate.East, $"ns-{i % 4}", $"sa-{i}")).ToArray();
        var estate = new TestEstate()
            .Cluster(TestEstate.East, TestEstate.EastIssuer, "ACTIVE")
            .Role(role, TestEstate.IrsaTrust((TestEstate.EastIssuer, keys.Select(k => $"{k.Namespace}:{k.ServiceAccount}").ToArray())));
        foreach (var k in keys)
            estate.Binding(TestEstate.East, k.Namespace, k.ServiceAccount, role, Core.Assessment.BindingCategory.Ready, 90, workloads: (WorkloadKind.Deployment, k.ServiceAccount));
        var settings = Settings with { CanarySize = 0, TrustSizeLimit = 1700, TrustWidening = TrustWidening.ClusterNamespace };
        var draft = Planner.Draft(estate.Assessment(), estate.Snapshot(), settings, Now);

        List<AddPodIdentityTrustStep> Trust() => draft.Phases().SelectMany(p => p.Steps).OfType<AddPodIdentityTrustStep>().ToList();
        var first = Trust();

        Assert.True(first.Count >= 2, $"the role's bindings span {first.Count} wave(s); excluded: {string.Join("; ", draft.Header.Excluded.SelectMany(e => e.Reasons))}");
        Assert.All(first, s => Assert.NotNull(s.TrustScope));
        Assert.Contains(first, s => s.TrustScope == PodIdentityScope.Namespace);
        Assert.Equal(first.Select(s => (s.Id, s.TrustScope)), Trust().Select(s => (s.Id, s.TrustScope)));
        Assert.Empty(draft.Header.Excluded);
    }

    [Fact]
    public void A_walk_out_of_order_or_short_of_the_announced_count_fails_and_says_where()
    {
        var plan = Planner.Create(TestEstate.Standard().Assessment(), TestEstate.Standard().Snapshot(), Settings, Now);

        var reordered = new PlanDraft(plan, plan.Phases.Count, [], () => plan.Phases.OrderBy(p => p.Number == 2 ? -1 : p.Number));
        var shortened = new PlanDraft(plan, plan.Phases.Count + 1, [], () => plan.Phases);

        Assert.Contains("phase 0 came after phase 2", Assert.Throws<InvalidOperationException>(() => reordered.Phases().ToList()).Message, StringComparison.Ordinal);
        Assert.Contains($"{plan.Phases.Count} phases were built where {plan.Phases.Count + 1} were announced", Assert.Throws<InvalidOperationException>(() => shortened.Materialize()).Message, StringComparison.Ordinal);
    }
}
