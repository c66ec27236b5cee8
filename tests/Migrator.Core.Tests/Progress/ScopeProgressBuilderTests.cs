using System.Text.Json;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Core.Progress;

namespace Migrator.Core.Tests.Progress;

/// <summary>Progress built from verdicts handed over one at a time: what the scope's tracker streams from storage.</summary>
public sealed class ScopeProgressBuilderTests
{
    private static readonly ClusterRef Prod = new("111111111111", "us-east-1", "prod");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, DateTimeOffset> Starts = new() { [1] = T0, [2] = T0.AddDays(1), [3] = T0.AddDays(2) };
    private static readonly string Role = "arn:aws:iam::111111111111:role/r";

    private static BindingKey Key(string sa) => new(Prod, "shop", sa);

    private static BindingAssessment Identity(string sa, BindingCategory category, bool evidence, params string[] codes) => new()
    {
        Key = Key(sa), RoleArn = Role, AssociationRoleArn = category == BindingCategory.Ready && codes.Length == 0 ? null : Role, Category = category, Score = 50,
        IrsaAnnotated = sa.StartsWith('a'),
        Lifecycle = category == BindingCategory.Migrated ? IdentityLifecycle.PodIdentity : IdentityLifecycle.CutOver,
        Reasons = codes.Select(c => new AssessmentReason(c, c.StartsWith("broken.", StringComparison.Ordinal) ? ReasonSeverity.Blocker : ReasonSeverity.Info,
            $"summary of {c}", evidence ? $"evidence of {c}" : "", evidence ? $"fix {c}" : "", 0)).ToList(),
    };

    private static MigrationScope Scope(params string[] sas) => new()
    {
        FixedByPlanId = "plan-1", FixedFromRunId = 1, FixedAt = T0,
        Members = sas.Select(sa => new ScopeMember { Key = Key(sa), Origin = ScopeOrigin.Planned, FromRunId = 1, AddedAt = T0, AddedBy = "first plan" }).ToList(),
    };

    private static List<BindingAssessment> Basis(bool evidence) =>
    [
        Identity("a-on", BindingCategory.Migrated, evidence, ReasonCodes.CleanupIrsaTrustSubject),
        Identity("b-restart", BindingCategory.Ready, evidence, ReasonCodes.RestartPending),
        Identity("c-todo", BindingCategory.Ready, evidence),
        Identity("d-reverted", BindingCategory.Broken, evidence, ReasonCodes.PodIdentityTrustDenies, ReasonCodes.CleanupIrsaAnnotation),
        Identity("e-outside", BindingCategory.Migrated, evidence),
    ];

    private static readonly Dictionary<BindingKey, PodIdentityHistory> History = new() { [Key("d-reverted")] = new(Key("d-reverted"), 2) };

    private static ScopeProgressBuilder Builder() => new(Scope("a-on", "b-restart", "c-todo", "d-reverted", "f-gone"), 3, 3, Starts[3], History);

    private static string Json(ScopeProgress p) => JsonSerializer.Serialize(p);

    [Fact]
    public void Verdicts_in_any_order_give_the_progress_of_the_whole_assessment()
    {
        var whole = ScopeProgressCalculator.Compute(Scope("a-on", "b-restart", "c-todo", "d-reverted", "f-gone"), 3,
            new AssessmentResult { RunId = 3, AssessedAt = Starts[3], Bindings = Basis(evidence: true) }, Starts[3], History, new Dictionary<BindingKey, long>(), Starts);
        var builder = Builder();
        foreach (var b in Enumerable.Reverse(Basis(evidence: true)))
            builder.Add(b);

        Assert.False(builder.NeedsExplaining(AssessmentParts.All));
        Assert.Equal(Json(whole), Json(builder.Build(new Dictionary<BindingKey, long>(), Starts)));
        var states = whole.Members.ToDictionary(m => m.Member.Key.ServiceAccount);
        Assert.Equal(
            [IdentityProgress.OnPodIdentity, IdentityProgress.AwaitingRestart, IdentityProgress.NotYet, IdentityProgress.Regressed, IdentityProgress.Gone],
            whole.Members.Select(m => m.Progress));
        // Each member keeps its verdict's figures, not its reasons.
        Assert.Equal(new MemberVerdict(BindingCategory.Migrated, IdentityLifecycle.PodIdentity, Role, Role, IrsaAnnotated: true, IrsaTrustSubjectLeft: true), states["a-on"].Verdict);
        Assert.Null(states["f-gone"].Verdict);
    }

    [Fact]
    public void A_regression_read_from_verdicts_quotes_its_evidence_once_its_whole_assessment_is_handed_over()
    {
        var builder = Builder();
        foreach (var b in Basis(evidence: false))
            builder.Add(b);

        Assert.True(builder.NeedsExplaining(AssessmentParts.Verdicts));
        Assert.Equal([Key("d-reverted")], builder.Regressed.Keys);
        Assert.Equal(2, builder.Regressed[Key("d-reverted")]);
        Assert.Equal($"summary of {ReasonCodes.PodIdentityTrustDenies}", Assert.Single(builder.Build(new Dictionary<BindingKey, long>(), Starts).Regressions).Why);

        // The whole assessment of every binding goes by; only the regressed identity's is kept.
        foreach (var b in Basis(evidence: true))
            builder.Explain(b);
        var r = Assert.Single(builder.Build(new Dictionary<BindingKey, long> { [Key("d-reverted")] = 3 }, Starts).Regressions);
        Assert.Equal($"summary of {ReasonCodes.PodIdentityTrustDenies} (evidence of {ReasonCodes.PodIdentityTrustDenies})", r.Why);
        Assert.Equal($"fix {ReasonCodes.PodIdentityTrustDenies}", r.Fix);
        Assert.Equal((2L, 3L, Starts[3]), (r.LastOnRunId, r.SinceRunId, r.Since));
    }

    [Fact]
    public void An_identity_back_on_pod_identity_in_a_later_verdict_is_no_longer_regressed()
    {
        var builder = Builder();
        builder.Add(Identity("d-reverted", BindingCategory.Broken, false, ReasonCodes.PodIdentityTrustDenies));
        builder.Add(Identity("d-reverted", BindingCategory.Migrated, false));

        Assert.Empty(builder.Regressed);
        Assert.Empty(builder.Build(new Dictionary<BindingKey, long>(), Starts).Regressions);
    }

    [Fact]
    public void A_summarized_progress_keeps_the_members_counts_and_lets_the_members_go()
    {
        var builder = new ScopeProgressBuilder(Scope("a-on", "b-restart", "c-todo", "d-reverted", "f-gone"), 3, 3, Starts[3], History);
        // The identity on Pod Identity still has an IRSA trust subject to clean up.
        foreach (var b in Basis(evidence: true))
            builder.Add(b.Key.ServiceAccount == "a-on" ? b with { Lifecycle = IdentityLifecycle.CleanupPending } : b);
        var whole = builder.Build(new Dictionary<BindingKey, long>(), Starts);
        var summary = whole.Summarized();

        Assert.Empty(summary.Members);
        Assert.Same(summary, summary.Summarized());
        Assert.Equal((5, 1, 1, 1, 1, 1, 20.0), (summary.Scope, summary.OnPodIdentity, summary.AwaitingRestart, summary.NotYet, summary.Regressed, summary.Gone, summary.Percent));
        Assert.Equal((whole.Scope, whole.OnPodIdentity, whole.AwaitingRestart, whole.NotYet, whole.Regressed, whole.Gone, whole.Percent),
            (summary.Scope, summary.OnPodIdentity, summary.AwaitingRestart, summary.NotYet, summary.Regressed, summary.Gone, summary.Percent));
        var counts = summary.Counted();
        Assert.Equal(1, counts.CleanupPending);
        Assert.Equal([Key("f-gone")], counts.GoneIdentities);
        Assert.Equal((5, 1), counts.ByCluster[Prod.Key]);
        Assert.Equal(whole.Regressions, summary.Regressions);
        // Serialized, the summary shows the same figures, members aside (the counts themselves are not part of the JSON).
        static string WithoutMembers(ScopeProgress p)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(Json(p))!.AsObject();
            node.Remove(nameof(ScopeProgress.Members));
            return node.ToJsonString();
        }
        Assert.Equal(WithoutMembers(whole), WithoutMembers(summary));
        Assert.Contains("\"Scope\":5,\"OnPodIdentity\":1", Json(summary));
    }
}
