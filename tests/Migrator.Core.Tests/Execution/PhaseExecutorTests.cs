using System.Text.Json.Nodes;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Execution;

public class PhaseExecutorTests
{
    private static readonly string AppA = TestEstate.RoleArn("app-a");
    private static readonly string AppB = TestEstate.RoleArn("app-b");

    [Fact]
    public async Task Full_migration_and_cleanup_moves_every_planned_binding_and_keeps_other_clusters_trust()
    {
        var h = new Harness(TestEstate.Standard());

        var results = await h.RunAllAsync();

        Assert.All(results, r => Assert.Equal(PhaseRunStatus.Completed, r.Status));
        var w = h.World;
        foreach (var b in h.Plan.Phases.SelectMany(p => p.Bindings).Select(b => b.Key).Distinct())
            Assert.Contains(w.Associations, a => a.ClusterName == b.Cluster.Name && a.Namespace == b.Namespace && a.ServiceAccount == b.ServiceAccount);
        Assert.Equal(7, w.Associations.Count);
        // app-a: east subject gone, west statement and GitHub Actions intact, scoped Pod Identity statement added.
        var appA = w.Trust[AppA];
        Assert.DoesNotContain(TestEstate.EastIssuer, appA, StringComparison.Ordinal);
        Assert.Contains($"oidc-provider/{TestEstate.WestIssuer}", appA, StringComparison.Ordinal);
        Assert.Contains("token.actions.githubusercontent.com", appA, StringComparison.Ordinal);
        Assert.Contains("aws:RequestTag/kubernetes-service-account", appA, StringComparison.Ordinal);
        // app-d keeps its east subject: team-d/reports still uses IRSA on that issuer.
        Assert.Contains("system:serviceaccount:team-d:reports", w.Trust[TestEstate.RoleArn("app-d")], StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:team-d:jobs", w.Trust[TestEstate.RoleArn("app-d")], StringComparison.Ordinal);
        // Annotations removed after the soak; untouched for the binding that keeps IRSA and for the add-on SA.
        Assert.False(w.Annotations[new BindingKey(TestEstate.East, "team-a", "api")].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        Assert.True(w.Annotations[new BindingKey(TestEstate.West, "team-a", "api")].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        Assert.True(w.Annotations[new BindingKey(TestEstate.East, "kube-system", "ebs-csi-controller-sa")].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        // Restarted pods use Pod Identity; the Job (manual) and the other cluster's pods still use IRSA.
        Assert.All(w.Pods.Where(p => p.OwnerName == "api" && p.Cluster == TestEstate.East), p => Assert.Equal(CredentialMode.PodIdentity, p.CredentialMode));
        Assert.All(w.Pods.Where(p => p.OwnerName == "api" && p.Cluster == TestEstate.West), p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
        Assert.All(w.Pods.Where(p => p.OwnerName == "batch"), p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
        Assert.Contains(results[1].Bindings, b => b.Warnings.Any(x => x.Contains("batch", StringComparison.Ordinal)));
        // P0 created the missing agent on the west cluster only.
        Assert.Equal(1, w.Count("CreateAddon"));
        // Every journalled mutation has an outcome.
        Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Started);
    }

    [Fact]
    public async Task Rerunning_a_completed_phase_changes_nothing()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(0);
        await h.RunAsync(1);
        var mutations = h.World.Mutations;
        var state = h.World.State();

        var again = await h.RunAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, again.Status);
        Assert.Equal(mutations, h.World.Mutations);
        Assert.Equal(state, h.World.State());
    }

    [Fact]
    public async Task Existing_association_to_another_role_is_a_conflict_that_stops_only_that_binding()
    {
        var h = new Harness(TestEstate.Standard().Association(TestEstate.East, "team-a", "worker", TestEstate.RoleArn("someone-else")));

        var result = await h.RunAsync(1);

        Assert.Equal(BindingResult.Conflict, result.Bindings.Single(b => b.Key.ServiceAccount == "worker").Result);
        Assert.Equal(BindingResult.Succeeded, result.Bindings.Single(b => b.Key.ServiceAccount == "api").Result);
        Assert.Contains(h.World.Associations, a => a.ServiceAccount == "worker" && a.RoleArn == TestEstate.RoleArn("someone-else"));
        Assert.Equal(0, h.World.Count("DeletePodIdentityAssociation"));
        Assert.Equal(1, h.World.Count("RestartWorkload"));
    }

    [Fact]
    public async Task Existing_association_to_the_same_role_counts_as_done_and_is_never_deleted_by_rollback()
    {
        var h = new Harness(TestEstate.Standard().Association(TestEstate.East, "team-a", "worker", AppB));

        var result = await h.RunAsync(1);
        await h.RollbackAsync(1);

        Assert.Equal(BindingResult.Succeeded, result.Bindings.Single(b => b.Key.ServiceAccount == "worker").Result);
        Assert.Equal(1, h.World.Count("CreatePodIdentityAssociation"));
        Assert.Contains(h.World.Associations, a => a.ServiceAccount == "worker" && a.AssociationId == "a-pre-0");
    }

    [Fact]
    public async Task Trust_changed_since_planning_by_someone_else_stops_the_binding_before_any_write()
    {
        var h = new Harness(TestEstate.Standard());
        h.World.Trust[AppB] = h.World.Trust[AppB].Replace("sts.amazonaws.com", "sts.amazonaws.com.cn", StringComparison.Ordinal);

        var result = await h.RunAsync(1);

        var worker = result.Bindings.Single(b => b.Key.ServiceAccount == "worker");
        Assert.Equal(BindingResult.Drift, worker.Result);
        Assert.Equal(1, h.World.Count("UpdateAssumeRolePolicy"));
        Assert.DoesNotContain(h.World.Associations, a => a.ServiceAccount == "worker");
        Assert.Contains(h.Journal.Entries, e => e.Status == JournalStatus.Drift && e.RoleArn == AppB);
    }

    [Fact]
    public async Task Trust_changed_by_our_own_earlier_phase_is_not_drift()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(0);
        await h.RunAsync(1);
        h.Time.Advance(TimeSpan.FromDays(2));

        var cleanup = await h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);

        Assert.Equal(PhaseRunStatus.Completed, cleanup.Status);
    }

    [Fact]
    public async Task Cleanup_stops_the_binding_and_keeps_irsa_when_the_role_no_longer_trusts_pod_identity()
    {
        var h = new Harness(TestEstate.Standard());
        var planned = h.World.Trust[AppB];
        await h.RunAsync(0);
        await h.RunAsync(1);
        // Terraform puts the trust policy back as it was: no pods.eks.amazonaws.com statement any more.
        h.World.Trust[AppB] = planned;
        h.Time.Advance(TimeSpan.FromDays(2));

        var cleanup = await h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);

        var worker = cleanup.Bindings.Single(b => b.Key.ServiceAccount == "worker");
        Assert.Equal(BindingResult.Failed, worker.Result);
        Assert.Contains("Pod Identity cannot serve", worker.Message, StringComparison.Ordinal);
        Assert.True(h.World.Annotations[worker.Key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        Assert.Equal(planned, h.World.Trust[AppB]);
        Assert.Contains(h.Journal.Entries, e => e.Status == JournalStatus.Failed && e.RoleArn == AppB
            && e.Message!.Contains("does not admit it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cleanup_keeps_irsa_while_a_pod_of_the_binding_still_runs_on_irsa()
    {
        var h = new Harness(TestEstate.Standard());
        var planned = h.World.Trust[AppB];
        await h.RunAsync(0);
        await h.RunAsync(1);
        var worker = h.World.Pods.First(p => p.ServiceAccountName == "worker");
        // A bare pod started before the association (recreated by hand only): it still calls AssumeRoleWithWebIdentity.
        h.World.Pods.Add(new PodRecord
        {
            Cluster = worker.Cluster,
            Namespace = worker.Namespace,
            Name = "debug-shell",
            ServiceAccountName = "worker",
            Placement = Placement.Ec2Linux,
            CredentialMode = CredentialMode.Irsa,
            InjectedRoleArn = AppB,
        });
        var trustAfterMigration = h.World.Trust[AppB];
        h.Time.Advance(TimeSpan.FromDays(2));

        var cleanup = await h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);

        var outcome = cleanup.Bindings.Single(b => b.Key.ServiceAccount == "worker");
        Assert.Equal(BindingResult.NotStarted, outcome.Result);
        Assert.Equal(PhaseRunStatus.Completed, cleanup.Status);
        Assert.Contains("waiting: 1 pod(s) still use IRSA (debug-shell)", outcome.Message, StringComparison.Ordinal);
        Assert.Contains(h.Journal.Entries, e => e.Status == JournalStatus.Manual && e.Message!.Contains("debug-shell", StringComparison.Ordinal));
        Assert.True(h.World.Annotations[outcome.Key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        Assert.Equal(trustAfterMigration, h.World.Trust[AppB]);
        Assert.NotEqual(planned, trustAfterMigration);

        // Once the pod is recreated (gone here), the same cleanup goes through.
        h.World.Pods.RemoveAll(p => p.Name == "debug-shell");
        var again = await h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);
        Assert.Equal(BindingResult.Succeeded, again.Bindings.Single(b => b.Key.ServiceAccount == "worker").Result);
        Assert.False(h.World.Annotations[outcome.Key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
    }

    [Fact]
    public async Task Failure_rate_above_threshold_halts_the_wave()
    {
        var estate = new TestEstate().Cluster(TestEstate.East, TestEstate.EastIssuer);
        for (var i = 0; i < 6; i++)
        {
            estate.Role(TestEstate.RoleArn($"r{i}"), TestEstate.IrsaTrust((TestEstate.EastIssuer, [$"ns:sa{i}"])))
                .Binding(TestEstate.East, "ns", $"sa{i}", TestEstate.RoleArn($"r{i}"), BindingCategory.Ready, 50, workloads: (WorkloadKind.Deployment, $"d{i}"));
        }
        var h = new Harness(estate, new PlanningSettings { CanarySize = 0, MaxWaveSize = 10 });
        h.World.Fault = (op, detail) => op == "CreatePodIdentityAssociation" && detail is "ns/sa0" or "ns/sa1"
            ? new AwsApiException("eks", op, 400, "AccessDeniedException", "not authorized") : null;

        var result = await h.RunAsync(1, settings: Harness.Settings with { FailureRateThreshold = 0.25 });

        Assert.Equal(PhaseRunStatus.Halted, result.Status);
        Assert.Equal([BindingResult.Failed, BindingResult.Failed, BindingResult.NotStarted, BindingResult.NotStarted, BindingResult.NotStarted, BindingResult.NotStarted],
            result.Bindings.Select(b => b.Result));
        Assert.Equal(2, h.World.Count("CreatePodIdentityAssociation"));
        Assert.All(h.Journal.Entries.Where(e => e.StepKind == StepKind.CreateAssociation), e => Assert.Equal(JournalStatus.Failed, e.Status));
    }

    [Fact]
    public async Task A_failure_below_the_threshold_does_not_stop_the_wave()
    {
        var h = new Harness(TestEstate.Standard());
        h.World.Fault = (op, detail) => op == "CreatePodIdentityAssociation" && detail == "team-a/api"
            ? new AwsApiException("eks", op, 400, "AccessDeniedException", "not authorized") : null;

        var result = await h.RunAsync(1, settings: Harness.Settings with { FailureRateThreshold = 0.6 });

        Assert.Equal(PhaseRunStatus.CompletedWithFailures, result.Status);
        Assert.Equal(BindingResult.Failed, result.Bindings.Single(b => b.Key.ServiceAccount == "api").Result);
        Assert.Equal(BindingResult.Succeeded, result.Bindings.Single(b => b.Key.ServiceAccount == "worker").Result);
    }

    [Fact]
    public async Task Role_not_yet_visible_to_eks_is_retried_a_bounded_number_of_times()
    {
        var h = new Harness(TestEstate.Standard());
        var failures = 2;
        h.World.Fault = (op, _) => op == "CreatePodIdentityAssociation" && failures-- > 0
            ? new AwsApiException("eks", op, 400, "InvalidParameterException", "Role provided in the request does not exist") : null;

        var result = await h.RunAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, result.Status);
        Assert.Equal(2, h.World.Associations.Count);
        Assert.Equal(4, h.World.Count("CreatePodIdentityAssociation"));

        var never = new Harness(TestEstate.Standard());
        never.World.Fault = (op, _) => op == "CreatePodIdentityAssociation" ? new AwsApiException("eks", op, 400, "InvalidParameterException", "Role provided in the request does not exist") : null;
        var gaveUp = await never.RunAsync(1, settings: Harness.Settings with { FailureRateThreshold = 1 });
        Assert.All(gaveUp.Bindings, b => Assert.Equal(BindingResult.Failed, b.Result));
        Assert.Equal(2 * Harness.Settings.MaxAttempts, never.World.Count("CreatePodIdentityAssociation"));
    }

    [Fact]
    public async Task Throttling_reaching_the_executor_is_not_retried_again()
    {
        // The AWS adapter's resilience pipeline already retried a throttled call (Aws:Retry) before the executor sees
        // the error; the executor retries only IAM→EKS eventual consistency, so each binding's create is tried once.
        var h = new Harness(TestEstate.Standard());
        h.World.Fault = (op, _) => op == "CreatePodIdentityAssociation" ? new AwsApiException("eks", op, 400, "ThrottlingException", "Rate exceeded") : null;

        var result = await h.RunAsync(1, settings: Harness.Settings with { FailureRateThreshold = 1 });

        Assert.All(result.Bindings, b => Assert.Equal(BindingResult.Failed, b.Result));
        Assert.Equal(2, h.World.Count("CreatePodIdentityAssociation"));
    }

    [Fact]
    public async Task Unapproved_phase_is_refused_and_nothing_changes()
    {
        var h = new Harness(TestEstate.Standard()) { Approvals = [] };

        var e = await Assert.ThrowsAsync<ExecutionRefusedException>(() => h.RunAsync(1));

        Assert.Contains("plan approve --phase 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.World.Mutations);
    }

    [Fact]
    public async Task A_wave_on_a_cluster_without_the_agent_is_refused_until_phase_0_ran()
    {
        var h = new Harness(TestEstate.Standard());

        var e = await Assert.ThrowsAsync<ExecutionRefusedException>(() => h.RunAsync(h.PhaseOf("web")));

        Assert.Contains("phase 0", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.World.Mutations);
    }

    [Fact]
    public async Task A_second_executor_on_the_same_plan_gets_a_clear_lock_error()
    {
        var h = new Harness(TestEstate.Standard());
        await using var held = await h.Journal.AcquireLockAsync(h.Plan.Id, "other-host:42:1", h.Time.GetUtcNow(), CancellationToken.None);

        var e = await Assert.ThrowsAsync<PlanLockedException>(() => h.RunAsync(1));

        Assert.Contains("other-host:42:1", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.World.Mutations);
    }

    [Fact]
    public async Task Cleanup_waits_for_the_soak_period()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(1);

        var early = await h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);

        Assert.All(early.Bindings, b => Assert.Equal(BindingResult.NotStarted, b.Result));
        Assert.Contains("soak period ends", early.Bindings[0].Message, StringComparison.Ordinal);
        Assert.True(h.World.Annotations[new BindingKey(TestEstate.East, "team-a", "api")].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
    }

    [Fact]
    public async Task Rollback_of_every_phase_returns_trust_annotations_and_associations_to_the_original()
    {
        var h = new Harness(TestEstate.Standard());
        var original = h.World.State();
        await h.RunAllAsync();
        Assert.NotEqual(original, h.World.State());

        foreach (var phase in h.Plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).Reverse())
        {
            var r = await h.RollbackAsync(phase.Number);
            Assert.Equal(PhaseRunStatus.Completed, r.Status);
        }

        Assert.Equal(original, h.World.State());
        Assert.All(h.World.Pods.Where(p => p.OwnerKind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet && p.OwnerName != "legacy" && p.OwnerName != "cross"),
            p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
    }

    [Fact]
    public async Task Rollback_of_a_cleanup_restores_annotations_and_subject_but_keeps_pod_identity()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(1);
        var afterMigration = h.World.State();
        h.Time.Advance(TimeSpan.FromDays(2));
        var cleanup = h.Plan.Phases.Single(p => p.CleanupOf == 1).Number;
        await h.RunAsync(cleanup);

        var r = await h.RollbackAsync(cleanup);

        Assert.Equal(PhaseRunStatus.Completed, r.Status);
        Assert.Equal(afterMigration, h.World.State());
    }

    [Fact]
    public async Task Rollback_after_someone_else_edited_the_trust_removes_only_what_we_added_and_reports_drift()
    {
        var h = new Harness(TestEstate.Standard());
        var original = h.World.Trust[AppB];
        var originalA = h.World.Trust[AppA];
        await h.RunAsync(1);
        var extra = new JsonObject { ["Sid"] = "AddedByOps", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::111111111111:root" }, ["Action"] = "sts:AssumeRole" };
        var doc = JsonNode.Parse(h.World.Trust[AppB])!.AsObject();
        doc["Statement"]!.AsArray().Add(extra);
        h.World.Trust[AppB] = doc.ToJsonString();

        var r = await h.RollbackAsync(1);

        var expected = JsonNode.Parse(original)!.AsObject();
        expected["Statement"]!.AsArray().Add(extra.DeepClone());
        Assert.True(PolicyDocument.Same(expected.ToJsonString(), h.World.Trust[AppB]));
        Assert.Contains(r.Bindings.Single(b => b.Key.ServiceAccount == "worker").Warnings, w => w.Contains("changed since our write", StringComparison.Ordinal));
        Assert.Equal(originalA, h.World.Trust[AppA]);
    }

    [Fact]
    public async Task Binding_rollback_narrows_a_shared_roles_trust_and_leaves_the_other_binding_migrated()
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(0);
        var wave = h.PhaseOf("sync");
        await h.RunAsync(wave);
        var east = new BindingKey(TestEstate.East, "team-b", "sync");

        var r = await h.Executor().RollbackBindingAsync(h.Plan, east, "test-holder", CancellationToken.None);

        Assert.Equal(BindingResult.Succeeded, Assert.Single(r.Bindings).Result);
        Assert.DoesNotContain(h.World.Associations, a => a.ClusterName == "prod" && a.ServiceAccount == "sync");
        Assert.Contains(h.World.Associations, a => a.ClusterName == "prod-west" && a.ServiceAccount == "sync");
        var trust = h.World.Trust[TestEstate.RoleArn("shared")];
        Assert.Contains(TestEstate.West.Arn, trust, StringComparison.Ordinal);
        Assert.DoesNotContain(TestEstate.East.Arn, trust, StringComparison.Ordinal);

        // Re-running the wave brings the binding back, trust included.
        var again = await h.RunAsync(wave);
        Assert.Equal(PhaseRunStatus.Completed, again.Status);
        Assert.Contains(TestEstate.East.Arn, h.World.Trust[TestEstate.RoleArn("shared")], StringComparison.Ordinal);
        Assert.Contains(h.World.Associations, a => a.ClusterName == "prod" && a.ServiceAccount == "sync");
    }
}
