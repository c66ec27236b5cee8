using System.Globalization;
using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Trust;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Widened trust through the CLI against the sandbox: the widened scope is in plan show, phase run --dry-run and
/// plan approve, the run writes exactly that scope, and the rollback gives back the document before.
/// </summary>
public sealed class SandboxTrustWideningTests : IDisposable
{
    private readonly TempDirectory _probe = new();
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        _probe.Dispose();
        _dir.Dispose();
    }

    private static async Task<(int Code, string Out, string Err)> Cli(TempDirectory dir, string[] settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] common =
        [
            "--sandbox", "--db", dir.File("state.db"),
            $"--Sandbox:StateFile={dir.File("estate.json")}", "--Sandbox:Generate:Clusters=2", "--Sandbox:Generate:ServiceAccounts=24", "--Sandbox:Generate:Seed=7",
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=2", "--Planning:MaxWaveSize=8",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
        ];
        var code = await CommandLine.RunAsync([.. args, .. common, .. settings], stdout, stderr, CancellationToken.None);
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{stdout}\n{stderr}");
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Widened_scope_is_shown_in_plan_dry_run_and_approval_written_exactly_and_rolled_back_exactly()
    {
        // A default plan of the same generated estate tells which role to squeeze: its exact trust size minus one.
        await Cli(_probe, [], "inventory");
        await Cli(_probe, [], "assess");
        await Cli(_probe, [], "plan", "create");
        var probe = PlanJson.Deserialize((await Cli(_probe, [], "plan", "show", "--output", "json")).Out);
        var step = probe.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Steps).OfType<AddPodIdentityTrustStep>().First();
        var role = probe.FindRole(step.RoleArn!)!;
        var bindings = step.Bindings.Select(b => new PodIdentityBinding(b.Cluster.Arn, b.Namespace, b.ServiceAccount)).ToList();
        var exact = TrustPolicyRewriter.AddPodIdentityTrust(role.TrustPolicyAtPlanning!, bindings, new TrustRewriteOptions { SizeLimit = 100_000 });
        var limit = exact.Size - 1;
        var expected = TrustPolicyRewriter.AddPodIdentityTrust(role.TrustPolicyAtPlanning!, bindings, new TrustRewriteOptions { SizeLimit = limit, Widest = PodIdentityScope.Unscoped });
        Assert.True(expected.Success, expected.Error);
        Assert.NotEqual(PodIdentityScope.ServiceAccount, expected.Scope);

        string[] widen = [$"--Planning:TrustSizeLimit={limit.ToString(CultureInfo.InvariantCulture)}", "--Planning:TrustWidening=Unscoped"];
        await Cli(_dir, widen, "inventory");
        await Cli(_dir, widen, "assess");
        await Cli(_dir, widen, "plan", "create");
        var plan = PlanJson.Deserialize((await Cli(_dir, widen, "plan", "show", "--output", "json")).Out);
        var widened = plan.Phases.SelectMany(p => p.Steps).OfType<AddPodIdentityTrustStep>().Single(s => s.Id == step.Id);
        Assert.Equal(expected.Scope, widened.TrustScope);
        var phase = plan.Phases.Single(p => p.Steps.Contains(widened)).Number.ToString(CultureInfo.InvariantCulture);
        var described = widened.Describe();
        Assert.Matches("WIDENED|UNSCOPED", described);

        Assert.Contains(described, (await Cli(_dir, widen, "plan", "show")).Out, StringComparison.Ordinal);
        Assert.Contains(described, (await Cli(_dir, widen, "phase", "run", phase, "--dry-run")).Out, StringComparison.Ordinal);
        await Cli(_dir, widen, "plan", "approve", "--phase", "0", "--by", "integration-test");
        await Cli(_dir, widen, "phase", "run", "0");
        var approved = (await Cli(_dir, widen, "plan", "approve", "--phase", phase, "--by", "integration-test")).Out;
        Assert.Contains("approved trust changes", approved, StringComparison.Ordinal);
        Assert.Contains(described, approved, StringComparison.Ordinal);

        await Cli(_dir, widen, "phase", "run", phase);
        Assert.Equal(expected.Document, TrustOf(role.Arn));

        await Cli(_dir, widen, "phase", "rollback", phase);
        Assert.Equal(role.TrustPolicyAtPlanning, TrustOf(role.Arn));
    }

    private string TrustOf(string arn) =>
        EstateFile.Load(_dir.File("estate.json")).Accounts.SelectMany(a => a.Roles.Select(r => (Arn: a.RoleArn(r), r.TrustPolicy))).Single(x => x.Arn == arn).TrustPolicy;
}
