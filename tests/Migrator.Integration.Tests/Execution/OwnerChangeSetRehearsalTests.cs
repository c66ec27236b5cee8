using System.Text.Json.Nodes;
using Migrator.Cli;
using Migrator.Core.Ownership;
using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Issue 16 end to end through the CLI: a generated estate with owners (roles of Terraform, eksctl and CloudFormation,
/// ServiceAccounts of Helm, Argo CD and Flux); every phase waits for change-sets, the simulated owner applies them
/// (`sandbox apply-change-set`), the phase continues; then a Terraform revert and a Helm revert are regressions naming them.
/// </summary>
public sealed class OwnerChangeSetRehearsalTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SandboxCli _cli;
    private readonly HashSet<string> _applied = new(StringComparer.Ordinal);

    public OwnerChangeSetRehearsalTests() => _cli = new SandboxCli(_dir,
        "--Sandbox:Generate:Owners=true", "--Owners:TerraformTags:managed-by=terraform",
        $"--Execution:ChangeSetDirectory={ChangeSets}", $"--Reports:OutputPath={_dir.File("reports")}");

    private string ChangeSets => _dir.File("change-sets");

    public void Dispose() => _dir.Dispose();

    /// <summary>A verb that works on the rehearsal's files (no --sandbox), with the same state file.</summary>
    private async Task<(int Code, string Out, string Err)> Plain(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, $"--Sandbox:StateFile={_cli.StateFile}"], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The owners apply every change-set written since the last call, one file at a time, in path order.</summary>
    private async Task<int> OwnersApplyNewChangeSetsAsync()
    {
        // New or rewritten change-sets, applied in the order they were written, as an owner works through its queue: the
        // executor stacks a role's trust change-sets (each starts from the ones still pending), so a later one includes
        // the earlier ones' edits and applying them out of order would put an earlier edit back.
        var fresh = Directory.Exists(ChangeSets)
            ? Directory.EnumerateFiles(ChangeSets, OwnerChange.FileName, SearchOption.AllDirectories)
                .Select(f => (File: f, Written: File.GetLastWriteTimeUtc(f), Content: File.ReadAllText(f)))
                .OrderBy(f => f.Written).ThenBy(f => f.File, StringComparer.Ordinal)
                .Where(f => _applied.Add($"{f.File}\n{f.Content}"))
                .Select(f => f.File)
                .ToList()
            : [];
        foreach (var file in fresh)
        {
            var (code, output, error) = await Plain("sandbox", "apply-change-set", file);
            Assert.True(code == ExitCodes.Ok, $"apply-change-set {file} exited {code}\n{output}\n{error}");
        }
        return fresh.Count;
    }

    private IEnumerable<(string File, OwnerChange Change)> Written() =>
        Directory.EnumerateFiles(ChangeSets, OwnerChange.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, OwnerChange.Parse(File.ReadAllText(f))));

    [Fact]
    public async Task Rehearsal_with_owners_completes_through_change_sets_and_owner_reverts_are_regressions_naming_them()
    {
        await _cli.Ok("inventory");
        await _cli.Ok("assess");
        await _cli.Ok("plan", "create");
        var plan = PlanJson.Deserialize(await _cli.Ok("plan", "show", "--output", "json"));
        var migrating = plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave).SelectMany(p => p.Bindings).ToList();
        Assert.Contains(migrating, b => b.RoleOwner?.Kind == OwnerKind.Terraform);
        Assert.Contains(migrating, b => b.ServiceAccountOwner?.Kind is OwnerKind.Helm or OwnerKind.ArgoCd);
        var steps = plan.Phases.SelectMany(p => p.Steps).ToList();
        Assert.Contains(steps, st => st is PodIdentityTrustChangeSetStep);
        Assert.Contains(steps, st => st is AssociationChangeSetStep);
        Assert.Contains(steps, st => st is AnnotationsChangeSetStep);

        // plan show and explain say who owns what and the mode.
        var show = await _cli.Ok("plan", "show");
        Assert.Contains("change-set: role changes by Terraform (tag managed-by=terraform)", show, StringComparison.Ordinal);
        var owned = migrating.First(b => b.RoleOwner?.Kind == OwnerKind.Terraform);
        var explain = await _cli.Ok("explain", owned.Key.Display);
        Assert.Contains("info.role-owner", explain, StringComparison.Ordinal);
        Assert.Contains("managed by Terraform", explain, StringComparison.Ordinal);

        var awaited = 0;
        foreach (var phase in plan.Phases)
        {
            var n = phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (phase.Steps.Any(st => st is ChangeSetStep))
            {
                var (refused, _, why) = await _cli.Cli("plan", "approve", "--phase", n, "--by", "integration-test", "--force-direct", "nowhere/ns/sa");
                Assert.Equal(ExitCodes.InvalidInput, refused);
                Assert.Contains("Use an owner kind or owner (", why, StringComparison.Ordinal);
            }
            await _cli.Ok("plan", "approve", "--phase", n, "--by", "integration-test");
            if (phase.Steps.Any(st => st is ChangeSetStep))
                Assert.Contains("would write a change-set for", await _cli.Ok("phase", "run", n, "--dry-run"), StringComparison.Ordinal);
            for (var round = 0; ; round++)
            {
                var (code, output, error) = await _cli.Cli("phase", "run", n);
                if (code == ExitCodes.Ok)
                    break;
                Assert.True(code == ExitCodes.AwaitingOwner, $"phase run {n} exited {code}\n{output}\n{error}");
                Assert.Contains("AwaitingExternalChange", output, StringComparison.Ordinal);
                Assert.True(round < 8, $"phase {n} still waits after {round} rounds\n{output}");
                awaited++;
                Assert.True(await OwnersApplyNewChangeSetsAsync() > 0, $"phase {n} waits but wrote no new change-set\n{output}");
            }
        }
        Assert.True(awaited >= 3, $"expected the phases to wait for their owners, waited {awaited} time(s)");
        var owners = Written().Select(w => w.Change.Owner.Kind).ToHashSet();
        Assert.Contains(OwnerKind.Terraform, owners);
        Assert.Contains(owners, k => k is OwnerKind.Helm or OwnerKind.ArgoCd);

        // Every migrated binding runs on Pod Identity through associations the owners declared.
        var live = EstateFile.Load(_cli.StateFile);
        foreach (var b in migrating)
            Assert.Contains(live.Clusters.Single(c => c.Key == b.Key.Cluster.Key).PodIdentityAssociations, a => a.Namespace == b.Key.Namespace && a.ServiceAccount == b.Key.ServiceAccount && a.RoleArn == b.RoleArn);
        var (runCode, runOut, runErr) = await _cli.Cli("run");
        Assert.True(runCode == ExitCodes.Ok, $"run exited {runCode}\n{runOut}\n{runErr}");

        // Terraform reverts one role's trust (its configuration never kept the change); Helm puts an annotation back.
        var terraform = Written().First(w => w.Change is { Rollback: false, Trust: not null, Owner.Kind: OwnerKind.Terraform } && w.Change.StepId.Contains("/trust/", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, (await Plain("sandbox", "apply-change-set", terraform.File, "--revert")).Code);
        var helm = Written().First(w => w.Change is { Rollback: false, Annotations: not null, Owner.Kind: OwnerKind.Helm });
        Assert.Equal(ExitCodes.Ok, (await Plain("sandbox", "apply-change-set", helm.File, "--revert")).Code);

        (runCode, runOut, runErr) = await _cli.Cli("run");
        Assert.True(runCode == ExitCodes.Regressed, $"run exited {runCode}\n{runOut}\n{runErr}");
        Assert.Contains("Terraform", runErr, StringComparison.Ordinal);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir.File("reports"), "latest.json")))!;
        var regressions = json["regressions"]!.AsArray().Select(r => r!).ToList();
        Assert.Contains(regressions, r => r["owner"]?.GetValue<string>() == "Terraform" && r["codes"]!.GetValue<string>().Contains("pod-identity", StringComparison.Ordinal));
        Assert.Contains(regressions, r => r["codes"]!.GetValue<string>() == "reverted.irsa-annotation" && r["owner"]!.GetValue<string>().StartsWith("Helm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_default_rehearsal_detects_owners_but_plays_none_so_it_runs_them_direct()
    {
        using var dir = new TempDirectory();
        var cli = new SandboxCli(dir);
        await cli.Ok("inventory");
        await cli.Ok("assess");
        await cli.Ok("plan", "create");

        var plan = PlanJson.Deserialize(await cli.Ok("plan", "show", "--output", "json"));

        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Steps), st => st is ChangeSetStep);
        var owned = plan.Phases.SelectMany(p => p.Bindings).First(b => b.RoleOwner?.Kind == OwnerKind.Eksctl);
        Assert.Equal(ExecutionMode.Direct, owned.RoleMode);
        Assert.Equal(ExecutionMode.Direct, plan.Settings.OwnerModes[OwnerKind.Eksctl]);
        Assert.Contains($"mode {owned.Key.Display}: direct (owners set to direct: Eksctl", await cli.Ok("plan", "show"), StringComparison.Ordinal);

        // Forcing direct what is already direct names nothing: refused, saying why.
        var (code, _, error) = await cli.Cli("plan", "approve", "--phase", "1", "--by", "lead", "--force-direct", "terraform");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--force-direct terraform: names no owner or binding of a change-set step in phase 1. The phase has no change-set steps.", error, StringComparison.Ordinal);
    }
}
