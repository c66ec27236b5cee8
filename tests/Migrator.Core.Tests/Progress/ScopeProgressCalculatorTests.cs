using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Progress;

namespace Migrator.Core.Tests.Progress;

public sealed class ScopeProgressCalculatorTests
{
    private static readonly ClusterRef Prod = new("111111111111", "us-east-1", "prod");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, DateTimeOffset> Starts = new() { [1] = T0, [2] = T0.AddDays(1), [3] = T0.AddDays(2), [4] = T0.AddDays(3) };

    private static BindingKey Key(string sa) => new(Prod, "shop", sa);

    private static BindingAssessment Identity(string sa, BindingCategory category, string? association = "arn:aws:iam::111111111111:role/r", params AssessmentReason[] reasons) => new()
    {
        Key = Key(sa),
        RoleArn = "arn:aws:iam::111111111111:role/r",
        AssociationRoleArn = association,
        Category = category,
        Score = 100,
        Lifecycle = category == BindingCategory.Migrated ? IdentityLifecycle.PodIdentity : association is null ? IdentityLifecycle.Irsa : IdentityLifecycle.CutOver,
        Reasons = reasons,
    };

    private static AssessmentReason Reason(string code, ReasonSeverity severity) => new(code, severity, $"summary of {code}", $"evidence of {code}", $"fix {code}", 0);

    private static ScopeMember Member(string sa, long from = 1, long? until = null) => new()
    {
        Key = Key(sa), Origin = ScopeOrigin.Planned, FromRunId = from, UntilRunId = until, RemovedAt = until is null ? null : T0.AddDays(2),
        AddedAt = T0, AddedBy = "first plan",
    };

    private static MigrationScope Scope(params ScopeMember[] members) => new() { FixedByPlanId = "plan-1", FixedFromRunId = 1, FixedAt = T0, Members = members };

    private static ScopeProgress Compute(MigrationScope scope, long run, IEnumerable<BindingAssessment> bindings, Dictionary<BindingKey, PodIdentityHistory>? history = null, Dictionary<BindingKey, long>? firstOff = null) =>
        ScopeProgressCalculator.Compute(scope, run, new AssessmentResult { RunId = run, AssessedAt = Starts[run], Bindings = bindings.ToList() }, Starts[run],
            history ?? [], firstOff ?? [], Starts);

    [Fact]
    public void Each_identity_of_the_scope_gets_one_progress_state()
    {
        var scope = Scope(Member("on"), Member("restart"), Member("cron"), Member("todo"), Member("gone"));
        var progress = Compute(scope, 2,
        [
            Identity("on", BindingCategory.Migrated),
            Identity("restart", BindingCategory.Ready, reasons: Reason(ReasonCodes.RestartPending, ReasonSeverity.Info)),
            Identity("cron", BindingCategory.Ready, reasons: Reason(ReasonCodes.CronJobRunPending, ReasonSeverity.Info)),
            Identity("todo", BindingCategory.Ready, association: null),
            Identity("not-in-scope", BindingCategory.Migrated),
        ]);

        var states = progress.Members.ToDictionary(m => m.Member.Key.ServiceAccount, m => m.Progress);
        Assert.Equal(IdentityProgress.OnPodIdentity, states["on"]);
        Assert.Equal(IdentityProgress.AwaitingRestart, states["restart"]);
        Assert.Equal(IdentityProgress.AwaitingRestart, states["cron"]);
        Assert.Equal(IdentityProgress.NotYet, states["todo"]);
        Assert.Equal(IdentityProgress.Gone, states["gone"]);
        Assert.False(states.ContainsKey("not-in-scope"));
        // Gone stays in the denominator.
        Assert.Equal((5, 1, 20.0), (progress.Scope, progress.OnPodIdentity, progress.Percent));
        Assert.Empty(progress.Regressions);
    }

    [Fact]
    public void An_identity_on_pod_identity_earlier_whose_trust_was_reverted_is_a_regression_with_its_reason_and_first_run_off()
    {
        var scope = Scope(Member("api"));
        var reverted = Identity("api", BindingCategory.Broken, reasons:
        [
            Reason(ReasonCodes.PodIdentityTrustDenies, ReasonSeverity.Blocker),
            Reason(ReasonCodes.CleanupIrsaAnnotation, ReasonSeverity.Info),
        ]);
        var progress = Compute(scope, 4, [reverted],
            new Dictionary<BindingKey, PodIdentityHistory> { [Key("api")] = new(Key("api"), 2) },
            new Dictionary<BindingKey, long> { [Key("api")] = 3 });

        Assert.Equal(IdentityProgress.Regressed, Assert.Single(progress.Members).Progress);
        var r = Assert.Single(progress.Regressions);
        Assert.Equal([ReasonCodes.PodIdentityTrustDenies], r.Codes);
        Assert.Equal((2L, 3L, Starts[3]), (r.LastOnRunId, r.SinceRunId, r.Since));
        Assert.Contains("evidence of broken.pod-identity-trust-denies", r.Why, StringComparison.Ordinal);
        Assert.Equal("fix broken.pod-identity-trust-denies", r.Fix);
    }

    [Fact]
    public void A_deleted_association_is_a_regression_named_as_such()
    {
        var progress = Compute(Scope(Member("api")), 3, [Identity("api", BindingCategory.Ready, association: null)],
            new Dictionary<BindingKey, PodIdentityHistory> { [Key("api")] = new(Key("api"), 2) });

        var r = Assert.Single(progress.Regressions);
        Assert.Equal([Regression.AssociationDeleted], r.Codes);
        // No later off-run recorded before this one: it regressed in this run.
        Assert.Equal(3L, r.SinceRunId);
    }

    [Fact]
    public void Pods_back_on_irsa_after_being_on_pod_identity_are_a_regression_not_awaiting_restart()
    {
        var progress = Compute(Scope(Member("api")), 3, [Identity("api", BindingCategory.Ready, reasons: Reason(ReasonCodes.RestartPending, ReasonSeverity.Info))],
            new Dictionary<BindingKey, PodIdentityHistory> { [Key("api")] = new(Key("api"), 2) });
        Assert.Equal(IdentityProgress.Regressed, Assert.Single(progress.Members).Progress);
        Assert.Equal([ReasonCodes.RestartPending], Assert.Single(progress.Regressions).Codes);
    }

    [Fact]
    public void A_gone_identity_is_not_a_regression_and_history_before_the_membership_does_not_count()
    {
        var scope = Scope(Member("gone"), Member("late", from: 3));
        var progress = Compute(scope, 3, [Identity("late", BindingCategory.Ready, association: null)],
            new Dictionary<BindingKey, PodIdentityHistory> { [Key("gone")] = new(Key("gone"), 2), [Key("late")] = new(Key("late"), 2) });

        Assert.Empty(progress.Regressions);
        Assert.Equal([IdentityProgress.Gone, IdentityProgress.NotYet], progress.Members.Select(m => m.Progress));
    }

    [Fact]
    public void Removed_members_stop_counting_from_their_until_run_and_added_ones_count_from_their_from_run()
    {
        var scope = Scope(Member("kept"), Member("removed", until: 3), Member("added", from: 3));
        Assert.Equal(["kept", "removed"], scope.CountedIn(2).Select(m => m.Key.ServiceAccount));
        Assert.Equal(["added", "kept"], Compute(scope, 3, []).Members.Select(m => m.Member.Key.ServiceAccount));
    }

    [Fact]
    public void The_first_plan_fixes_its_canary_and_wave_identities_and_those_already_on_pod_identity()
    {
        PlannedBinding Planned(string sa) => new() { Key = Key(sa), RoleArn = "arn:aws:iam::111111111111:role/r", Category = BindingCategory.Ready };
        var plan = new MigrationPlan
        {
            Id = "plan-1", RunId = 5, CreatedAt = T0, Settings = new PlanningSettings(),
            Phases =
            [
                new Phase { Number = 0, Kind = PhaseKind.Prerequisites, Title = "P0" },
                new Phase { Number = 1, Kind = PhaseKind.Canary, Title = "canary", Bindings = [Planned("canary")] },
                new Phase { Number = 2, Kind = PhaseKind.Wave, Title = "wave", Bindings = [Planned("wave")] },
                new Phase { Number = 3, Kind = PhaseKind.Cleanup, Title = "cleanup", Bindings = [Planned("canary")] },
            ],
        };
        var assessment = new AssessmentResult
        {
            RunId = 5, AssessedAt = T0,
            Bindings = [Identity("native", BindingCategory.Migrated), Identity("kept", BindingCategory.KeepIrsa, association: null), Identity("canary", BindingCategory.Ready)],
        };

        var scope = MigrationScope.FixedBy(plan, assessment, T0);

        Assert.Equal(("plan-1", 5L), (scope.FixedByPlanId, scope.FixedFromRunId));
        Assert.Equal(["canary:Planned", "wave:Planned", "native:Native"], scope.Members.Select(m => $"{m.Key.ServiceAccount}:{m.Origin}"));
        Assert.All(scope.Members, m => Assert.Equal(5L, m.FromRunId));
    }
}
