using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// EKS shows a new association in List/Describe only seconds after the create (DOMAIN.md). Rollback and resume must
/// use what the journal recorded (association id, client request token, tags) and wait through the lag, never
/// conclude "not there" from a read that may simply be early.
/// </summary>
public class EventualConsistencyTests
{
    private static readonly string AppA = TestEstate.RoleArn("app-a");
    private static readonly string AppB = TestEstate.RoleArn("app-b");
    private static readonly BindingKey Api = new(TestEstate.East, "team-a", "api");

    private static Harness Lagging()
    {
        var h = new Harness(TestEstate.Standard());
        h.World.VisibilityLag = TimeSpan.FromSeconds(30);
        return h;
    }

    private static bool Associated(Harness h, BindingKey k) =>
        h.World.Associations.Any(a => a.ClusterName == k.Cluster.Name && a.Namespace == k.Namespace && a.ServiceAccount == k.ServiceAccount);

    [Fact]
    public async Task Rollback_right_after_the_migration_deletes_the_associations_eks_does_not_list_yet_and_restores_the_trust()
    {
        var h = Lagging();
        var original = h.World.State();
        var migrated = await h.RunAsync(1);
        Assert.Equal(PhaseRunStatus.Completed, migrated.Status);

        var rollback = await h.RollbackAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.Equal(original, h.World.State());
        Assert.Equal(2, h.World.Count("DeletePodIdentityAssociation"));
        Assert.All(h.World.Pods.Where(p => p.Namespace == "team-a" && p.Cluster == TestEstate.East && p.OwnerKind == WorkloadKind.Deployment),
            p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
        Assert.DoesNotContain(h.Journal.Entries, e => e.Message.Contains("not present", StringComparison.Ordinal));

        var again = await h.RollbackAsync(1);
        Assert.Equal(PhaseRunStatus.Completed, again.Status);
        Assert.Equal(2, h.World.Count("DeletePodIdentityAssociation"));
    }

    [Fact]
    public async Task Resume_after_a_crash_between_create_and_its_outcome_resends_the_create_with_its_token_instead_of_reporting_a_conflict()
    {
        var h = Lagging();
        var crash = new CrashWhen((b, step) => b == StepBoundary.AfterMutation && step == $"p1/assoc/{Api}");
        await Assert.ThrowsAsync<ExecutionInterruptedException>(() => h.RunAsync(1, crash));
        var createdId = Assert.Single(h.World.Associations).AssociationId;

        var resumed = await h.RunAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, resumed.Status);
        Assert.DoesNotContain(h.Journal.Entries, e => e.Status is JournalStatus.Conflict or JournalStatus.Started);
        var create = h.Journal.Entries.Last(e => e.StepId == $"p1/assoc/{Api}");
        Assert.Equal(JournalStatus.Succeeded, create.Status);
        Assert.Equal(createdId, create.Result);
        Assert.Single(h.World.Associations, a => a.ServiceAccount == "api");
        var tags = h.World.Associations.Single(a => a.AssociationId == createdId).Tags;
        Assert.Equal(h.Plan.Id, tags["migrator/plan"]);
        Assert.Equal($"p1/assoc/{Api}", tags["migrator/step"]);

        var rollback = await h.RollbackAsync(1);
        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.False(Associated(h, Api));
    }

    [Fact]
    public async Task Rollback_of_a_create_interrupted_before_its_outcome_finds_the_association_by_its_tags()
    {
        var h = Lagging();
        var originalA = h.World.Trust[AppA];
        await Assert.ThrowsAsync<ExecutionInterruptedException>(() => h.RunAsync(1, new CrashWhen((b, step) => b == StepBoundary.AfterMutation && step == $"p1/assoc/{Api}")));
        Assert.True(Associated(h, Api));

        var rollback = await h.RollbackAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.False(Associated(h, Api));
        Assert.Equal(originalA, h.World.Trust[AppA]);
    }

    [Fact]
    public async Task A_doubt_rollback_cannot_settle_fails_the_binding_and_keeps_the_pod_identity_trust()
    {
        var h = Lagging();
        await h.RunAsync(1);
        h.World.Fault = (op, _) => op == "DescribePodIdentityAssociation" ? new AwsApiException("eks", op, 503, "ServiceUnavailableException", "try later") : null;

        var rollback = await h.RollbackAsync(1);

        Assert.Equal(PhaseRunStatus.CompletedWithFailures, rollback.Status);
        Assert.All(rollback.Bindings, b => Assert.Equal(BindingResult.Failed, b.Result));
        Assert.Contains("pods.eks.amazonaws.com", h.World.Trust[AppA], StringComparison.Ordinal);
        Assert.Contains("pods.eks.amazonaws.com", h.World.Trust[AppB], StringComparison.Ordinal);
        Assert.True(Associated(h, Api));
        Assert.Contains(h.Journal.Entries, e => e.StepKind == RollbackKind.DeleteAssociation && e.Status == JournalStatus.Failed);
        Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Started);
    }

    [Fact]
    public async Task A_rollback_outside_the_window_trusts_not_found_and_completes()
    {
        var h = Lagging();
        await h.RunAsync(1);
        var id = h.World.Associations.Single(a => a.ServiceAccount == "api").AssociationId;
        h.Time.Advance(TimeSpan.FromMinutes(5));
        h.World.Associations.RemoveAll(a => a.AssociationId == id); // deleted by someone else meanwhile

        var rollback = await h.RollbackAsync(1);

        Assert.Equal(PhaseRunStatus.Completed, rollback.Status);
        Assert.Contains(h.Journal.Entries, e => e.StepKind == RollbackKind.DeleteAssociation && e.Status == JournalStatus.AlreadyDone && e.Message.Contains(id, StringComparison.Ordinal));
    }
}

/// <summary>Throws at the first boundary matching the condition: the process "dies" there.</summary>
public sealed class CrashWhen(Func<StepBoundary, string, bool> when) : IExecutionObserver
{
    private bool _crashed;

    public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct)
    {
        if (!_crashed && when(boundary, stepId))
        {
            _crashed = true;
            throw new SimulatedCrashException($"{boundary} {stepId}");
        }
        return ValueTask.CompletedTask;
    }

    public void OnMessage(string message) { }
}
