using System.Globalization;
using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Through the CLI against the sandbox with EKS eventual consistency switched on (a new association shows in
/// List/Describe only 15 s after its create): a rollback run right after the migration must still delete what it
/// created and restore the trust; a cleanup run before its migration is refused as nothing due (exit 3).
/// </summary>
public sealed class EventualConsistencyCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SandboxCli _cli;

    public EventualConsistencyCliTests() => _cli = new SandboxCli(_dir, "--Sandbox:Realism:AssociationVisibilityDelayMs=15000", "--Execution:ConsistencyPollInterval=00:00:00.250");

    private string StateFile => _cli.StateFile;

    public void Dispose() => _dir.Dispose();

    private Task<(int Code, string Out, string Err)> Cli(params string[] args) => _cli.Cli(args);

    private Task<string> Ok(params string[] args) => _cli.Ok(args);

    private Estate Live() => EstateFile.Load(StateFile);

    private static Dictionary<string, string> Trust(Estate e) =>
        e.Accounts.SelectMany(a => a.Roles.Select(r => (Arn: a.RoleArn(r), r.TrustPolicy))).ToDictionary(x => x.Arn, x => x.TrustPolicy, StringComparer.Ordinal);

    private static SortedSet<string> Associations(Estate e) =>
        new(e.Clusters.SelectMany(c => c.PodIdentityAssociations.Select(a => $"{c.AccountId}/{c.Region}/{c.Name}/{a.Namespace}/{a.ServiceAccount} -> {a.RoleArn}")), StringComparer.Ordinal);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Rollback_right_after_the_migration_deletes_associations_eks_does_not_show_yet_and_restores_the_trust()
    {
        await Ok("inventory");
        await Ok("assess");
        await Ok("plan create");
        var (_, json, _) = await Cli("plan", "show", "--output", "json");
        var plan = PlanJson.Deserialize(json);
        var canary = plan.Phases.First(p => p.Kind == PhaseKind.Canary);
        var cleanup = plan.Phases.Single(p => p.CleanupOf == canary.Number);
        foreach (var p in new[] { 0, canary.Number, cleanup.Number })
            await Ok("plan", "approve", "--phase", N(p), "--by", "integration-test");

        var (early, earlyOut, earlyErr) = await Cli("phase", "run", N(cleanup.Number));
        Assert.True(early == ExitCodes.InvalidInput, $"cleanup before migration exited {early}\n{earlyOut}\n{earlyErr}");
        Assert.Contains("NothingDue", earlyOut, StringComparison.Ordinal);
        Assert.Contains($"run migration phase {canary.Number} first", earlyOut, StringComparison.Ordinal);

        await Ok("phase", "run", "0");
        var original = Live();
        await Ok("phase", "run", N(canary.Number));
        var migrated = Live();
        Assert.True(Associations(migrated).Count > Associations(original).Count);

        var rollback = await Ok("phase", "rollback", N(canary.Number));

        var back = Live();
        Assert.Equal(Associations(original), Associations(back));
        Assert.Equal(Trust(original), Trust(back));
        Assert.DoesNotContain("not present", rollback, StringComparison.Ordinal);
        var shown = await Ok("plan", "show");
        Assert.Contains("status: rolled back", shown, StringComparison.Ordinal);
    }
}
