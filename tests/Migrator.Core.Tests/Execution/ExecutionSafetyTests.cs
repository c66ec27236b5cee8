using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Execution;

/// <summary>Every Started entry gets an outcome; rollback verification, phase status, cleanup refusal and CronJobs tell the truth.</summary>
public class ExecutionSafetyTests
{
    private static readonly BindingKey Api = new(TestEstate.East, "team-a", "api");

    [Fact]
    public async Task A_create_that_fails_without_saying_whether_it_took_effect_is_journalled_in_doubt_and_reconciled_on_the_next_run()
    {
        var h = new Harness(TestEstate.Standard());
        h.World.Fault = (op, detail) => op == "CreatePodIdentityAssociation" && detail == "team-a/api" ? new HttpRequestException("connection reset") : null;

        var first = await h.RunAsync(1, settings: Harness.Settings with { FailureRateThreshold = 1 });

        Assert.Equal(BindingResult.Failed, first.Bindings.Single(b => b.Key == Api).Result);
        Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Started);
        Assert.Equal(JournalStatus.InDoubt, h.Journal.Entries.Single(e => e.StepId == $"p1/assoc/{Api}").Status);

        h.World.Fault = (_, _) => null;
        var second = await h.RunAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, second.Status);
        Assert.Single(h.World.Associations, a => a.ServiceAccount == "api");
        Assert.Equal(JournalStatus.Succeeded, h.Journal.Entries.Single(e => e.StepId == $"p1/assoc/{Api}").Status);
    }

    [Fact]
    public async Task A_failed_reread_before_a_trust_write_completes_its_entry()
    {
        var h = new Harness(TestEstate.Standard());
        var original = h.World.Trust[TestEstate.RoleArn("app-a")];
        var reads = 0;
        h.World.Fault = (op, detail) => op == "GetRole" && detail == "app-a" && ++reads == 2 ? new AwsApiException("iam", op, 500, "ServiceFailure", "boom") : null;

        await h.RunAsync(1, settings: Harness.Settings with { MaxAttempts = 1, FailureRateThreshold = 1 });

        Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Started);
        Assert.Contains(h.Journal.Entries, e => e.StepKind == StepKind.AddPodIdentityTrust && e.Status == JournalStatus.Failed && e.Message.Contains("re-reading", StringComparison.Ordinal));
        Assert.Equal(original, h.World.Trust[TestEstate.RoleArn("app-a")]);
    }

    [Fact]
    public async Task Resumed_rollback_verifies_every_restarted_workload_not_zero()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(1);
        var crash = new CrashWhen((b, step) => b == StepBoundary.AfterOutcome && step.StartsWith($"rollback/p1/restart/{Api}", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ExecutionInterruptedException>(() => h.RollbackAsync(1, crash));
        // The api pods did not come back on IRSA (say the webhook still saw an association): verification must see it.
        for (var i = 0; i < h.World.Pods.Count; i++)
        {
            if (h.World.Pods[i].OwnerName == "api" && h.World.Pods[i].Cluster == TestEstate.East)
                h.World.Pods[i] = h.World.Pods[i] with { CredentialMode = CredentialMode.PodIdentity, InjectedRoleArn = null };
        }

        var resumed = await h.RollbackAsync(1);

        var api = resumed.Bindings.Single(b => b.Key == Api);
        Assert.Equal(BindingResult.Failed, api.Result);
        Assert.Contains("not back on IRSA", api.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Journal.Entries, e => e.StepKind == RollbackKind.VerifyIrsa && e.Binding == Api && e.Message.StartsWith("0 workload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rolled_back_phase_shows_as_rolled_back_not_in_progress()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(1);
        await h.RollbackAsync(1);

        var status = PhaseProgress.Of(h.Plan.FindPhase(1)!, h.Journal.Entries).Status(approved: true);

        Assert.StartsWith("rolled back", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cleanup_run_before_its_migration_is_nothing_due_and_names_the_phase_to_run_first()
    {
        var h = new Harness(TestEstate.Standard());
        var cleanup = h.Plan.Phases.Single(p => p.CleanupOf == 1).Number;

        var r = await h.RunAsync(cleanup);

        Assert.Equal(PhaseRunStatus.NothingDue, r.Status);
        Assert.Contains("run migration phase 1 first", Assert.Single(r.Messages), StringComparison.Ordinal);
        Assert.All(r.Bindings, b => Assert.Equal(BindingResult.NotStarted, b.Result));
        Assert.Equal(0, h.World.Mutations);
    }

    [Fact]
    public async Task A_cronjob_binding_is_verified_on_its_next_run_and_its_cleanup_waits_for_it()
    {
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer, "ACTIVE", false, TestEstate.RoleArn("east-nodes"))
            .Role(TestEstate.RoleArn("east-nodes"), "{}", "AmazonEKSWorkerNodePolicy")
            .Role(TestEstate.RoleArn("reports"), TestEstate.IrsaTrust((TestEstate.EastIssuer, ["team-r:reports"])))
            .Binding(TestEstate.East, "team-r", "reports", TestEstate.RoleArn("reports"), BindingCategory.Ready, 80, workloads: [(WorkloadKind.Deployment, "api"), (WorkloadKind.CronJob, "nightly")]);
        var h = new Harness(estate, new PlanningSettings { CanarySize = 1, MaxWaveSize = 5, SoakPeriod = TimeSpan.FromDays(1) });
        var key = new BindingKey(TestEstate.East, "team-r", "reports");

        var migrated = await h.RunAsync(1);

        var outcome = Assert.Single(migrated.Bindings);
        Assert.Equal(BindingResult.Succeeded, outcome.Result);
        Assert.Contains(outcome.Warnings, w => w.Contains("CronJob team-r/nightly", StringComparison.Ordinal) && w.Contains("next run", StringComparison.Ordinal));
        Assert.Equal(JournalStatus.VerifyOnNextRun, h.Journal.Entries.Last(e => e.StepId == $"p1/verify/{key}").Status);
        Assert.Contains("CronJob's next run", PhaseProgress.Of(h.Plan.FindPhase(1)!, h.Journal.Entries).Status(true), StringComparison.Ordinal);
        // Nothing to recreate by hand: the CronJob's next Job picks up Pod Identity at admission.
        var manual = Assert.Single(h.Journal.Entries, e => e.Status == JournalStatus.Manual);
        Assert.Contains("nothing to recreate", manual.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("by hand", manual.Message, StringComparison.Ordinal);
        // What a pipeline gates on: the phase is complete with one verification waiting, the plan in progress.
        var state = PlanState.Of(h.Plan, [], h.Journal.Entries);
        var wave = state.Phases.Single(p => p.Number == 1);
        Assert.Equal(PhaseStatus.Complete, wave.Status);
        Assert.Equal(1, wave.AwaitingNextRun);
        Assert.Contains(wave.Steps, st => st.Id == $"p1/verify/{key}" && st.Status == nameof(JournalStatus.VerifyOnNextRun) && !st.InEffect);
        Assert.Equal(PlanStatus.InProgress, state.Status);
        Assert.Equal(PhaseStatus.AwaitingApproval, state.Phases.Single(p => p.Number == h.Plan.Phases.Single(x => x.CleanupOf == 1).Number).Status);

        var cleanup = h.Plan.Phases.Single(p => p.CleanupOf == 1).Number;
        h.Time.Advance(TimeSpan.FromDays(2));
        var early = await h.RunAsync(cleanup);
        Assert.Equal(PhaseRunStatus.NothingDue, early.Status);
        Assert.Contains("nightly", Assert.Single(early.Bindings).Message, StringComparison.Ordinal);
        Assert.Equal(0, h.World.Count("PatchServiceAccount"));

        // The CronJob ran once on Pod Identity: re-running the phase verifies it; the cleanup follows after the soak.
        h.World.Pods.Add(new PodRecord
        {
            Cluster = TestEstate.East, Namespace = "team-r", Name = "nightly-29001-abcde", ServiceAccountName = "reports",
            OwnerKind = WorkloadKind.CronJob, OwnerName = "nightly", Placement = Placement.Ec2Linux, CredentialMode = CredentialMode.PodIdentity, PodIdentityLabel = true,
        });
        Assert.Equal(PhaseRunStatus.Completed, (await h.RunAsync(1)).Status);
        Assert.Equal(JournalStatus.Succeeded, h.Journal.Entries.Last(e => e.StepId == $"p1/verify/{key}").Status);
        h.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(PhaseRunStatus.Completed, (await h.RunAsync(cleanup)).Status);
    }
}
