using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// Kill the executor at every step boundary of a whole migration (or rollback), run it again, and require the same
/// end state as an uninterrupted run with the same number of mutating calls: nothing repeated, nothing lost.
/// </summary>
public class CrashResumeTests
{
    private static readonly string[] MutatingCalls =
        ["UpdateAssumeRolePolicy", "CreatePodIdentityAssociation", "DeletePodIdentityAssociation", "CreateAddon", "UpdateAddon", "RestartWorkload", "PatchServiceAccount"];

    private static string Pods(Harness h) => string.Join("\n", h.World.Pods
        .Select(p => $"{p.Cluster.Key}/{p.Namespace}/{p.OwnerKind}/{p.OwnerName}={p.CredentialMode}").Order(StringComparer.Ordinal));

    private static Dictionary<string, int> Counts(Harness h) => MutatingCalls.ToDictionary(c => c, h.World.Count);

    [Fact]
    public async Task Resume_after_a_crash_at_any_boundary_of_a_full_migration_reaches_the_same_state_without_repeating_a_mutation()
    {
        var reference = new Harness(TestEstate.Standard());
        var counter = new CrashAt(int.MaxValue);
        await reference.RunAllAsync(counter);
        var boundaries = counter.Seen;
        Assert.True(boundaries > 50, $"only {boundaries} boundaries");

        for (var k = 1; k <= boundaries; k++)
        {
            var h = new Harness(TestEstate.Standard());
            var crash = new CrashAt(k);
            var e = await Assert.ThrowsAsync<ExecutionInterruptedException>(() => h.RunAllAsync(crash));
            Assert.IsType<SimulatedCrashException>(e.InnerException);

            var results = await h.RunAllAsync();

            Assert.All(results, r => Assert.Equal(PhaseRunStatus.Completed, r.Status));
            Assert.True(reference.World.State() == h.World.State(), $"state differs after a crash at {crash.CrashedAt} (boundary {k})");
            Assert.True(Pods(reference) == Pods(h), $"pods differ after a crash at {crash.CrashedAt} (boundary {k})");
            Assert.Equal(Counts(reference), Counts(h));
        }
    }

    [Fact]
    public async Task Resume_after_a_crash_at_any_boundary_of_a_rollback_restores_the_original_state()
    {
        static async Task<Harness> Migrated()
        {
            var h = new Harness(TestEstate.Standard());
            await h.RunAsync(0);
            await h.RunAsync(1);
            h.Time.Advance(TimeSpan.FromDays(2));
            await h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);
            return h;
        }

        var original = new Harness(TestEstate.Standard()).World.State();
        var reference = await Migrated();
        var before = Counts(reference);
        var counter = new CrashAt(int.MaxValue);
        await reference.RollbackAsync(1, counter);
        Assert.Equal(original, reference.World.State());
        var rollbackCalls = Counts(reference).ToDictionary(kv => kv.Key, kv => kv.Value - before[kv.Key]);

        for (var k = 1; k <= counter.Seen; k++)
        {
            var h = await Migrated();
            var start = Counts(h);
            var crash = new CrashAt(k);
            await Assert.ThrowsAsync<ExecutionInterruptedException>(() => h.RollbackAsync(1, crash));

            var result = await h.RollbackAsync(1);

            Assert.Equal(PhaseRunStatus.Completed, result.Status);
            Assert.True(original == h.World.State(), $"state differs after a rollback crash at {crash.CrashedAt} (boundary {k})");
            Assert.Equal(rollbackCalls, Counts(h).ToDictionary(kv => kv.Key, kv => kv.Value - start[kv.Key]));
            Assert.All(h.World.Pods.Where(p => p.OwnerKind == WorkloadKind.Deployment && p.Namespace == "team-a" && p.Cluster == TestEstate.East),
                p => Assert.Equal(CredentialMode.Irsa, p.CredentialMode));
        }
    }
}
