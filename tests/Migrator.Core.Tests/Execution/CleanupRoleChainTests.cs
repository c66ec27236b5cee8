using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Tests.Execution;

/// <summary>
/// The cleanup's live trust re-check walks an association's targetRoleArn chain as the assessment's audit does: the
/// target role must exist and trust the source role (sts:AssumeRole + sts:TagSession). A broken chain means Pod Identity
/// cannot serve the binding, so its IRSA leftovers stay and the binding stops, journalled.
/// </summary>
public class CleanupRoleChainTests
{
    private static readonly string AppB = TestEstate.RoleArn("app-b");
    private static readonly string Target = TestEstate.RoleArn("data-reader");

    private static string TargetTrusting(string principal) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    /// <summary>Migrates phase 1, then has the worker's association chain to <see cref="Target"/> (targetRoleArn), as set out of band.</summary>
    private static async Task<Harness> MigratedThroughAChainAsync(string? targetTrust)
    {
        var h = new Harness(TestEstate.Standard());
        await h.RunAsync(0);
        await h.RunAsync(1);
        var i = h.World.Associations.FindIndex(a => a.ServiceAccount == "worker");
        h.World.Associations[i] = h.World.Associations[i] with { TargetRoleArn = Target };
        if (targetTrust is not null)
            h.World.Trust[Target] = targetTrust;
        h.Time.Advance(TimeSpan.FromDays(2));
        return h;
    }

    private static Task<PhaseRunResult> CleanupAsync(Harness h) => h.RunAsync(h.Plan.Phases.Single(p => p.CleanupOf == 1).Number);

    [Fact]
    public async Task Cleanup_stops_the_binding_and_keeps_irsa_when_the_target_role_does_not_trust_the_source_role()
    {
        var h = await MigratedThroughAChainAsync(TargetTrusting(TestEstate.RoleArn("someone-else")));
        var trustBefore = h.World.Trust[AppB];

        var cleanup = await CleanupAsync(h);

        var worker = cleanup.Bindings.Single(b => b.Key.ServiceAccount == "worker");
        Assert.Equal(BindingResult.Failed, worker.Result);
        Assert.Contains($"Pod Identity cannot serve {worker.Key.Display}: the association's targetRoleArn chain {AppB} → {Target} is broken: the target role's trust does not admit the source role", worker.Message, StringComparison.Ordinal);
        Assert.True(h.World.Annotations[worker.Key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        Assert.Equal(trustBefore, h.World.Trust[AppB]);
        Assert.Contains(h.Journal.Entries, e => e.Status == JournalStatus.Failed && e.Binding == worker.Key
            && e.Message.Contains("targetRoleArn chain", StringComparison.Ordinal) && e.Message.Contains("binding stopped", StringComparison.Ordinal));
        // The other binding of the phase is cleaned up as usual.
        Assert.Equal(BindingResult.Succeeded, cleanup.Bindings.Single(b => b.Key.ServiceAccount == "api").Result);
    }

    [Fact]
    public async Task Cleanup_stops_the_binding_when_the_target_role_does_not_exist()
    {
        var h = await MigratedThroughAChainAsync(targetTrust: null);

        var cleanup = await CleanupAsync(h);

        var worker = cleanup.Bindings.Single(b => b.Key.ServiceAccount == "worker");
        Assert.Equal(BindingResult.Failed, worker.Result);
        Assert.Contains($"targetRoleArn chain {AppB} → {Target} is broken: the target role does not exist", worker.Message, StringComparison.Ordinal);
        Assert.True(h.World.Annotations[worker.Key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
    }

    [Fact]
    public async Task Cleanup_removes_the_leftovers_when_the_target_role_trusts_the_source_role()
    {
        var h = await MigratedThroughAChainAsync(TargetTrusting(AppB));

        var cleanup = await CleanupAsync(h);

        var worker = cleanup.Bindings.Single(b => b.Key.ServiceAccount == "worker");
        Assert.Equal(BindingResult.Succeeded, worker.Result);
        Assert.False(h.World.Annotations[worker.Key].ContainsKey(ServiceAccountRecord.RoleArnAnnotation));
        Assert.DoesNotContain(h.Journal.Entries, e => e.Status == JournalStatus.Failed);
    }
}
