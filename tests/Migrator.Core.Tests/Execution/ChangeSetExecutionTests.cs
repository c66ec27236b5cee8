using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Ownership;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Tests.Execution;

/// <summary>Change-set mode (issue 16): owners make the changes, the executor writes them, waits, verifies and continues.</summary>
public class ChangeSetExecutionTests
{
    private static readonly string AppA = TestEstate.RoleArn("app-a");
    private static readonly string AppB = TestEstate.RoleArn("app-b");
    private static readonly ResourceOwner Terraform = new(OwnerKind.Terraform, null, "tag managed-by=terraform");
    private static readonly ResourceOwner Helm = new(OwnerKind.Helm, "api", "annotation meta.helm.sh/release-name=api");
    private static readonly BindingKey Api = new(TestEstate.East, "team-a", "api");

    /// <summary>app-a (east team-a/api's role) owned by Terraform, team-a/api owned by Helm; app-b and the rest unowned.</summary>
    private static Harness Owned(PlanningSettings? planning = null) => new(
        TestEstate.Standard().RoleOwner(AppA, Terraform).ServiceAccountOwner(TestEstate.East, "team-a", "api", Helm),
        planning ?? new PlanningSettings { CanarySize = 2, MaxWaveSize = 3, SoakPeriod = TimeSpan.FromDays(1) });

    [Fact]
    public void Owned_resources_are_planned_as_change_set_steps_and_unowned_ones_stay_direct()
    {
        var h = Owned();
        var canary = h.Plan.Phases.Single(p => p.Kind == PhaseKind.Canary);

        Assert.Contains(canary.Steps, st => st is PodIdentityTrustChangeSetStep { RoleArn: var r, Owner.Kind: OwnerKind.Terraform } && r == AppA);
        Assert.Contains(canary.Steps, st => st is AssociationChangeSetStep { Binding: var b } && b == Api);
        Assert.Contains(canary.Steps, st => st is AddPodIdentityTrustStep { RoleArn: var r } && r == AppB);
        Assert.Contains(canary.Steps, st => st is CreateAssociationStep { Binding.ServiceAccount: "worker" });
        var cleanup = h.Plan.Phases.Single(p => p.CleanupOf == canary.Number);
        Assert.Contains(cleanup.Steps, st => st is AnnotationsChangeSetStep { Owner.Kind: OwnerKind.Helm, Binding: var b } && b == Api);
        Assert.Contains(cleanup.Steps, st => st is TrustSubjectChangeSetStep { Binding: var b } && b == Api);
        Assert.Contains(cleanup.Steps, st => st is RemoveIrsaAnnotationsStep { Binding.ServiceAccount: "worker" });
        var api = canary.Bindings.Single(b => b.Key == Api);
        Assert.Equal(ExecutionMode.ChangeSet, api.RoleMode);
        Assert.Contains("Terraform (tag managed-by=terraform)", api.ModeDisplay, StringComparison.Ordinal);
        Assert.Equal("direct", canary.Bindings.Single(b => b.Key.ServiceAccount == "worker").ModeDisplay);
    }

    [Fact]
    public void Owner_modes_set_to_direct_plan_direct_steps()
    {
        var h = Owned(new PlanningSettings { CanarySize = 2, OwnerModes = new() { [OwnerKind.Terraform] = ExecutionMode.Direct, [OwnerKind.Helm] = ExecutionMode.Direct } });

        Assert.DoesNotContain(h.Plan.Phases.SelectMany(p => p.Steps), st => st is ChangeSetStep);
        Assert.Contains("Terraform, Helm release api", h.Plan.Phases.Single(p => p.Kind == PhaseKind.Canary).Bindings.Single(b => b.Key == Api).ModeDisplay, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_set_steps_survive_the_plan_json()
    {
        var h = Owned();

        var back = PlanJson.Deserialize(PlanJson.Serialize(h.Plan));

        Assert.Equal(h.Plan.Phases.SelectMany(p => p.Steps).Select(st => st.Describe()), back.Phases.SelectMany(p => p.Steps).Select(st => st.Describe()));
        var trust = back.Phases.SelectMany(p => p.Steps).OfType<PodIdentityTrustChangeSetStep>().Single();
        Assert.Equal(Terraform, trust.Owner);
        Assert.Equal([Api], trust.Direct.Bindings);
    }

    [Fact]
    public async Task Phase_waits_for_the_owner_writes_each_change_once_and_continues_once_it_is_live()
    {
        var h = Owned();
        await h.RunAsync(0);
        var canary = h.PhaseOf("api", PhaseKind.Canary);

        var first = await h.RunAsync(canary);

        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, first.Status);
        Assert.Equal(BindingResult.AwaitingExternalChange, first.Bindings.Single(b => b.Key == Api).Result);
        Assert.Equal(BindingResult.Succeeded, first.Bindings.Single(b => b.Key.ServiceAccount == "worker").Result);
        Assert.Equal(1, h.World.Count("UpdateAssumeRolePolicy")); // app-b only: app-a's trust is Terraform's to write
        var trustSet = Assert.Single(h.ChangeSets.Written);
        Assert.Equal(AppA, trustSet.Change.Trust!.RoleArn);
        Assert.Contains(trustSet.Files, f => f.Name == "main.tf" && f.Content.Contains("assume_role_policy = jsonencode(", StringComparison.Ordinal) && f.Content.Contains("pods.eks.amazonaws.com", StringComparison.Ordinal));
        Assert.Contains(h.Journal.Entries, e => e.StepId.Contains("/trust/", StringComparison.Ordinal) && e.Status == JournalStatus.AwaitingExternalChange && e.Message.Contains("Terraform", StringComparison.Ordinal));
        Assert.Contains("1 waiting for their owners to apply change-sets", PhaseProgress.Of(h.Plan.FindPhase(canary)!, h.Journal.Entries).Status(approved: true), StringComparison.Ordinal);

        // Not applied yet: still waiting, nothing written again, nothing failed.
        var again = await h.RunAsync(canary);
        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, again.Status);
        Assert.Single(h.ChangeSets.Written);

        // Terraform applies the trust; the association is Terraform's too (aws_eks_pod_identity_association).
        h.ChangeSets.ApplyAll(h.World);
        var second = await h.RunAsync(canary);
        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, second.Status);
        var associationSet = h.ChangeSets.Written[^1];
        Assert.True(associationSet.Change.Association!.Present);
        Assert.Contains(associationSet.Files, f => f.Name == "main.tf" && f.Content.Contains("resource \"aws_eks_pod_identity_association\"", StringComparison.Ordinal));
        Assert.Equal(1, h.World.Count("CreatePodIdentityAssociation")); // worker's, not api's

        h.ChangeSets.ApplyAll(h.World);
        var done = await h.RunAsync(canary);

        Assert.Equal(PhaseRunStatus.Completed, done.Status);
        Assert.All(h.World.Pods.Where(p => p.OwnerName == "api" && p.Cluster == TestEstate.East), p => Assert.Equal(CredentialMode.PodIdentity, p.CredentialMode));
        Assert.Contains(h.Journal.Entries, e => e.StepId.Contains("/assoc/", StringComparison.Ordinal) && e.Binding == Api && e.Status == JournalStatus.Succeeded && e.Message.StartsWith("applied by Terraform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forcing_the_owner_to_direct_in_the_approval_runs_the_direct_steps()
    {
        var h = Owned();
        await h.RunAsync(0);
        var canary = h.PhaseOf("api", PhaseKind.Canary);
        h.Approvals = h.Approvals.Select(a => a.Phase == canary ? a with { ForceDirect = ["terraform"] } : a).ToList();

        var result = await h.RunAsync(canary);

        Assert.Equal(PhaseRunStatus.Completed, result.Status);
        Assert.Empty(h.ChangeSets.Written);
        Assert.Equal(2, h.World.Count("UpdateAssumeRolePolicy"));
        Assert.Contains(h.World.Associations, a => a.ServiceAccount == "api" && a.RoleArn == AppA);
        // The direct runner journals the direct kind under the change-set step's id.
        Assert.Contains(h.Journal.Entries, e => e.StepKind.Step == StepKind.CreateAssociation && e.Binding == Api && e.Status == JournalStatus.Succeeded);
    }

    [Fact]
    public async Task Forcing_one_binding_leaves_the_other_owners_change_sets()
    {
        var h = Owned();
        await h.RunAsync(0);
        var canary = h.PhaseOf("api", PhaseKind.Canary);
        h.Approvals = h.Approvals.Select(a => a.Phase == canary ? a with { ForceDirect = ["prod/team-a/api"] } : a).ToList();

        var result = await h.RunAsync(canary);

        Assert.Equal(PhaseRunStatus.Completed, result.Status);
        Assert.Empty(h.ChangeSets.Written);
    }

    [Fact]
    public async Task Cleanup_goes_through_helm_and_terraform_and_a_rollback_writes_the_reverse_changes()
    {
        var h = Owned();
        await h.RunAsync(0);
        var canary = h.PhaseOf("api", PhaseKind.Canary);
        await h.RunAsync(canary);
        h.ChangeSets.ApplyAll(h.World);
        await h.RunAsync(canary);
        h.ChangeSets.ApplyAll(h.World);
        Assert.Equal(PhaseRunStatus.Completed, (await h.RunAsync(canary)).Status);
        var cleanup = h.Plan.Phases.Single(p => p.CleanupOf == canary).Number;
        h.Time.Advance(TimeSpan.FromDays(2));

        var waiting = await h.RunAsync(cleanup);
        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, waiting.Status);
        var values = h.ChangeSets.Written[^1];
        Assert.Equal(OwnerKind.Helm, values.Change.Owner.Kind);
        Assert.Contains(values.Files, f => f.Name == "values.yaml" && f.Content.Contains("eks.amazonaws.com/role-arn: null", StringComparison.Ordinal));
        Assert.True(h.World.Annotations[Api].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        h.ChangeSets.ApplyAll(h.World);
        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, (await h.RunAsync(cleanup)).Status); // now the trust subject, Terraform's
        h.ChangeSets.ApplyAll(h.World);
        Assert.Equal(PhaseRunStatus.Completed, (await h.RunAsync(cleanup)).Status);
        Assert.DoesNotContain(TestEstate.EastIssuer, h.World.Trust[AppA], StringComparison.Ordinal);
        var written = h.ChangeSets.Written.Count;

        var rollback = await h.RollbackAsync(canary);

        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, rollback.Status);
        Assert.True(h.ChangeSets.Written.Count > written);
        Assert.All(h.ChangeSets.Written.Skip(written), c => Assert.True(c.Change.Rollback));
        // The owners apply the reverse changes, one rollback run after another, until the binding is back on IRSA.
        for (var i = 0; i < 6 && rollback.Status == PhaseRunStatus.AwaitingExternalChange; i++)
        {
            h.ChangeSets.ApplyAll(h.World);
            rollback = await h.RollbackAsync(canary);
        }
        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.DoesNotContain(h.World.Associations, a => a.ServiceAccount == "api" && a.ClusterName == "prod");
        Assert.Equal(AppA, h.World.Annotations[Api][ServiceAccountRecord.RoleArnAnnotation]);
        Assert.Contains(TestEstate.EastIssuer, h.World.Trust[AppA], StringComparison.Ordinal);
        Assert.DoesNotContain("pods.eks.amazonaws.com", h.World.Trust[AppA], StringComparison.Ordinal);
        Assert.All(h.World.Pods.Where(p => p.OwnerName == "api" && p.Cluster == TestEstate.East), p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
    }

    [Fact]
    public async Task Rolling_back_a_change_set_never_applied_withdraws_it_without_a_reverse()
    {
        var h = Owned();
        await h.RunAsync(0);
        var canary = h.PhaseOf("api", PhaseKind.Canary);
        await h.RunAsync(canary);
        var written = h.ChangeSets.Written.Count;

        var rollback = await h.Executor().RollbackBindingAsync(h.Plan, Api, "test", CancellationToken.None);

        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.Equal(written, h.ChangeSets.Written.Count);
        Assert.Contains(h.Journal.Entries, e => e.Direction == JournalDirection.Rollback && e.Status == JournalStatus.AlreadyDone && e.Message.Contains("never applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_changes_to_one_role_pending_together_carry_each_other_so_the_owner_applying_both_loses_neither()
    {
        var shared = TestEstate.RoleArn("shared");
        var h = new Harness(TestEstate.Standard().RoleOwner(shared, Terraform));
        await h.RunAsync(0);
        var wave = h.PhaseOf("sync");
        var cleanup = h.Plan.Phases.Single(p => p.CleanupOf == wave).Number;
        var migrated = await h.RunAsync(wave);
        for (var i = 0; i < 4 && migrated.Status == PhaseRunStatus.AwaitingExternalChange; i++)
        {
            h.ChangeSets.ApplyAll(h.World);
            migrated = await h.RunAsync(wave);
        }
        Assert.True(migrated.Status == PhaseRunStatus.Completed, string.Join("\n", migrated.Bindings.Select(b => $"{b.Key.Display} {b.Result} {b.Message}")));
        h.Time.Advance(TimeSpan.FromDays(2));

        var first = await h.RunAsync(cleanup);

        var subjects = h.ChangeSets.Written.Where(c => c.Change.StepId.Contains("/subject/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, subjects.Count);
        Assert.Equal(PhaseRunStatus.AwaitingExternalChange, first.Status);
        // The second change starts from the first (still pending), not from the live document: applied in order, both hold.
        Assert.DoesNotContain(TestEstate.EastIssuer, subjects[1].Change.Trust!.Document, StringComparison.Ordinal);
        Assert.DoesNotContain(TestEstate.WestIssuer, subjects[1].Change.Trust!.Document, StringComparison.Ordinal);
        h.ChangeSets.ApplyAll(h.World);
        Assert.Equal(PhaseRunStatus.Completed, (await h.RunAsync(cleanup)).Status);
    }
}
