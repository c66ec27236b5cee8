using Migrator.Core.Assessment;
using Migrator.Reports;

namespace Migrator.Integration.Tests.Reports;

public class ReportModelBuilderTests
{
    [Fact]
    public void Trust_diff_removes_only_the_moving_bindings_subject_and_keeps_other_clusters_trust()
    {
        var model = Reporting.SmallModel();
        var shared = Assert.Single(model.Comparison.TrustDiffs, d => d.RoleArn == "arn:aws:iam::111111111111:role/payments-shared");

        Assert.True(shared.Success);
        Assert.Contains(shared.Lines, l => l.Op == "-" && l.Text.Contains("PRODEAST:sub", StringComparison.Ordinal));
        Assert.Contains(shared.Lines, l => l.Op == " " && l.Text.Contains("DEVWEST:sub", StringComparison.Ordinal));
        Assert.Contains(shared.Lines, l => l.Op == "+" && l.Text.Contains("\"pods.eks.amazonaws.com\"", StringComparison.Ordinal));
        Assert.Contains(shared.Lines, l => l.Op == "+" && l.Text.Contains("kubernetes-service-account\": \"worker\"", StringComparison.Ordinal));
        // Keep-IRSA and broken bindings' roles are not rewritten.
        Assert.DoesNotContain(model.Comparison.TrustDiffs, d => d.RoleArn.EndsWith("role/cross", StringComparison.Ordinal));
        Assert.Equal(4, model.Comparison.RolesToRewrite);
    }

    [Fact]
    public void Oidc_providers_are_removable_only_when_every_binding_of_the_issuer_in_that_account_has_moved()
    {
        var providers = Reporting.SmallModel().Comparison.OidcProviders;

        Assert.Equal(3, providers.Count); // the GitHub Actions provider is not an EKS issuer
        Assert.StartsWith("Removable after migration: 3", Assert.Single(providers, p => p.Account == "111111111111").Status, StringComparison.Ordinal);
        Assert.StartsWith("Stays: 1 keep-IRSA", Assert.Single(providers, p => p.Account == "222222222222").Status, StringComparison.Ordinal);
        // The cross-account role's provider lives in the role's account and stays with its keep-IRSA binding.
        Assert.StartsWith("Stays", Assert.Single(providers, p => p.Account == "333333333333").Status, StringComparison.Ordinal);
        var quota = Assert.Single(Reporting.SmallModel().Comparison.Accounts, a => a.Account == "111111111111");
        Assert.Equal((2, 98, 99), (quota.Providers, quota.Headroom, quota.HeadroomAfter));
    }

    [Fact]
    public void Summary_drift_and_plan_say_where_the_migration_stands()
    {
        var model = Reporting.SmallModel();

        Assert.Equal(("Blocked", 8, 1, 3, 2, 1), (model.Summary.Status, model.Summary.TotalBindings, model.Summary.Migrated, model.Summary.Movable, model.Summary.KeepIrsa, model.Summary.Broken));
        Assert.Equal(1, model.Summary.MigratedDelta);
        Assert.Equal([5L, 6L, 7L], model.Trend.Select(t => t.RunId));
        Assert.Contains("need about 6 more day(s)", model.Summary.Pace, StringComparison.Ordinal);
        var drift = model.Drift!;
        Assert.Equal((1, 1, 1), (drift.Added, drift.Removed, drift.CategoryChanged));
        Assert.Contains(drift.Rows, r => r.Change == "Category changed" && r.Before == "Ready" && r.After == "Migrated");
        Assert.Equal(("Running", 7, 3, 1), (model.Plan!.Status, model.Plan.TotalSteps, model.Plan.SucceededSteps, model.Plan.FailedSteps));
        Assert.Single(model.Plan.Journal.Failures);
        Assert.Equal(["arn:aws:iam::111111111111:role/payments-shared"], model.SharedRoles.Select(r => r.RoleArn));
        Assert.Equal(["arn:aws:iam::222222222222:role/batch"], model.OverBroadRoles.Select(r => r.RoleArn));
    }

    [Fact]
    public void Headline_names_only_the_blocker_and_warning_reasons_that_keep_bindings_on_irsa()
    {
        // Every keep-IRSA binding also carries the Info note "agent missing": it is the most frequent reason on them,
        // but the plan installs the agent, so it is not why they stay.
        var input = ReportScenario.Small();
        var agentMissing = new AssessmentReason(ReasonCodes.AgentMissing, ReasonSeverity.Info, "The Pod Identity agent is not installed or not active", "", "The plan installs the agent", 5);
        var assessment = input.Assessment with
        {
            Bindings = input.Assessment.Bindings
                .Select(b => b.Category == BindingCategory.KeepIrsa ? b with { Reasons = [.. b.Reasons, agentMissing] } : b).ToList(),
        };
        var model = new ReportModelBuilder(new ReportSettings()).Build(input with { Assessment = assessment });

        Assert.Contains("2 stay on IRSA (Role is in another account: 1; Pods run on Fargate: 1)", model.Summary.Headline, StringComparison.Ordinal);
        Assert.DoesNotContain("agent", model.Summary.Headline, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(model.Reasons, r => r.Code == ReasonCodes.AgentMissing && r.Count == 2);
    }

    [Fact]
    public void First_run_without_plan_or_history_still_builds()
    {
        var input = ReportScenario.Small() with { PreviousSnapshot = null, PreviousAssessment = null, History = [], Plan = null };
        var model = new ReportModelBuilder(new ReportSettings(), trust: null).Build(input);

        Assert.Null(model.Drift);
        Assert.Null(model.Plan);
        Assert.Null(model.Summary.MigratedDelta);
        Assert.Equal("Needs attention", model.Summary.Status);
        Assert.NotNull(model.Comparison.TrustDiffNote);
        Assert.Empty(model.Comparison.TrustDiffs);
        var html = Reporting.Renderer().Render(model, ReportFormat.Html);
        Assert.Contains("This is the first recorded run", html, StringComparison.Ordinal);
        Assert.Contains(BindingCategory.KeepIrsa.ToString(), model.Categories.Select(c => c.Key));
    }

    [Fact]
    public void With_a_scope_the_headline_is_scope_progress_and_regressions_come_with_their_reason_and_run()
    {
        var model = Reporting.SmallModel(scope: true);

        // Scope: payments/api (not yet), web/frontend (on), orders/api (regressed), web/search (native, on), tools/retired (gone).
        Assert.StartsWith("2 of 5 identities in the migration scope (40%) run on Pod Identity (1 with IRSA leftovers to clean up); 1 regressed (on Pod Identity before, not now); 1 not moved yet; 1 gone from the estate. Estate: ", model.Summary.Headline, StringComparison.Ordinal);
        Assert.Equal("Regressed", model.Summary.Status);
        var regression = Assert.Single(model.Regressions);
        Assert.Equal(("prod-east/orders/api", "broken.pod-identity-trust-denies", 6L, 7L), (regression.Identity, regression.Codes, regression.LastOnRunId, regression.SinceRunId));
        Assert.Contains("no statement admits pods.eks.amazonaws.com", regression.Why, StringComparison.Ordinal);
        Assert.Equal((5, 2, 1, 1, 1, 0), (model.Scope!.Scope, model.Scope.OnPodIdentity, model.Scope.Regressed, model.Scope.NotYet, model.Scope.Gone, model.Scope.AwaitingRestart));
        Assert.Equal(["dev-west/tools/retired"], model.Scope.GoneIdentities);
        var dev = Assert.Single(model.Clusters, c => c.Name == "dev-west");
        Assert.Equal((3, 2, 66.7), (dev.ScopeTotal, dev.ScopeOnPodIdentity, dev.ScopePercent));
        var cleanup = Assert.Single(model.Cleanup);
        Assert.Equal(("dev-west/web/search", "cleanup.irsa-trust-subject"), (cleanup.Identity, cleanup.Code));
        Assert.Equal([6L, 7L], model.Scope.Trend.Select(t => t.RunId));
    }

    [Fact]
    public void Without_a_scope_the_headline_counts_every_workload_identity()
    {
        var model = Reporting.SmallModel();
        Assert.Null(model.Scope);
        Assert.Empty(model.Regressions);
        Assert.StartsWith("1 of 8 workload identities (12.5%) run on Pod Identity", model.Summary.Headline, StringComparison.Ordinal);
    }
}
