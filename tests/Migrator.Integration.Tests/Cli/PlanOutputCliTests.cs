using System.Globalization;
using System.Text.Json.Nodes;
using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Core.Trust;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// What pipelines and operators read of a plan, through the CLI against a sandbox rehearsal: `plan list` and `plan show
/// --output json` carry approvals, status and progress from the journal; `phase run --dry-run` prints the exact trust
/// document the run then writes and kubectl contexts named by cluster ARN; `runs diff` marks the tool's own changes as
/// made by migrator, from the journal, as the report does.
/// </summary>
public sealed class PlanOutputCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SandboxCli _cli;

    public PlanOutputCliTests() => _cli = new SandboxCli(_dir);

    public void Dispose() => _dir.Dispose();

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Plan_state_in_json_dry_run_trust_document_and_runs_diff_by_migrator()
    {
        var inventory = JsonNode.Parse(await _cli.Ok("inventory", "--output", "json"))!;
        Assert.StartsWith("PT", inventory["duration"]!.GetValue<string>(), StringComparison.Ordinal);
        await _cli.Ok("assess");
        await _cli.Ok("plan", "create");
        // Durations: ISO-8601 in JSON, "7d"-style in text (the rehearsal soaks 0 seconds).
        Assert.Equal("PT0S", JsonNode.Parse(await _cli.Ok("plan", "show", "--output", "json"))!["settings"]!["soakPeriod"]!.GetValue<string>());
        Assert.Contains(", soak 0s, ", await _cli.Ok("plan", "show"), StringComparison.Ordinal);

        var listed = JsonNode.Parse(await _cli.Ok("plan", "list", "--output", "json"))!.AsArray();
        var first = Assert.Single(listed)!;
        var planId = first["planId"]!.GetValue<string>();
        Assert.Equal("AwaitingApproval", first["status"]!.GetValue<string>());
        Assert.Equal(0, first["progress"]!["stepsDone"]!.GetValue<int>());
        Assert.Empty(first["approvals"]!.AsArray());

        var plan = PlanJson.Deserialize(await _cli.Ok("plan", "show", "--output", "json"));
        var canary = plan.Phases.First(p => p.Kind == PhaseKind.Canary);
        await _cli.Ok("plan", "approve", "--phase", "0", "--by", "ci");
        await _cli.Ok("plan", "approve", "--phase", N(canary.Number), "--by", "ci");

        var approved = JsonNode.Parse(await _cli.Ok("plan", "show", "--output", "json"))!;
        Assert.Equal("Approved", approved["status"]!.GetValue<string>());
        Assert.Equal(2, approved["approvals"]!.AsArray().Count);
        var canaryJson = approved["phases"]!.AsArray().Single(p => p!["number"]!.GetValue<int>() == canary.Number)!;
        Assert.Equal("Approved", canaryJson["status"]!.GetValue<string>());
        Assert.Equal("ci", canaryJson["approval"]!["approvedBy"]!.GetValue<string>());
        Assert.All(canaryJson["steps"]!.AsArray(), s => Assert.Equal("Pending", s!["state"]!["status"]!.GetValue<string>()));

        // The dry run prints the document the run then writes, and kubectl contexts as update-kubeconfig names them.
        var dry = await _cli.Ok("phase", "run", N(canary.Number), "--dry-run");
        var trustStep = canary.Steps.OfType<Core.Planning.Steps.AddPodIdentityTrustStep>().First();
        var printed = NewTrust(dry, trustStep.Describe());
        Assert.Contains("pods.eks.amazonaws.com", printed, StringComparison.Ordinal);
        Assert.Contains("diff against the current trust policy:", dry, StringComparison.Ordinal);
        Assert.Contains($"kubectl --context {canary.Bindings[0].Key.Cluster.Arn} ", dry, StringComparison.Ordinal);
        Assert.DoesNotContain($"kubectl --context {canary.Bindings[0].Key.Cluster.Name} ", dry, StringComparison.Ordinal);

        await _cli.Ok("phase", "run", "0");
        await _cli.Ok("phase", "run", N(canary.Number));
        var live = EstateFile.Load(_cli.StateFile).Accounts.SelectMany(a => a.Roles.Select(r => (Arn: a.RoleArn(r), r.TrustPolicy))).Single(r => r.Arn == trustStep.RoleArn).TrustPolicy;
        Assert.True(PolicyDocument.Same(printed, live), $"dry run printed\n{printed}\nthe run wrote\n{live}");

        var ran = JsonNode.Parse(await _cli.Ok("plan", "show", "--output", "json"))!;
        Assert.Equal("InProgress", ran["status"]!.GetValue<string>());
        var ranCanary = ran["phases"]!.AsArray().Single(p => p!["number"]!.GetValue<int>() == canary.Number)!;
        Assert.Equal("Complete", ranCanary["status"]!.GetValue<string>());
        Assert.Equal(ranCanary["progress"]!["stepsTotal"]!.GetValue<int>(), ranCanary["progress"]!["stepsDone"]!.GetValue<int>());
        var trustState = ranCanary["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == trustStep.Id)!["state"]!;
        Assert.Equal("Succeeded", trustState["status"]!.GetValue<string>());
        Assert.True(trustState["inEffect"]!.GetValue<bool>());
        var text = await _cli.Ok("plan", "list");
        Assert.Contains(planId, text, StringComparison.Ordinal);
        Assert.Contains("InProgress", text, StringComparison.Ordinal);

        // The next inventory sees the associations and trust the run wrote: made by migrator, per the journal.
        await _cli.Ok("inventory");
        var diff = await _cli.Ok("runs", "diff");
        Assert.Contains("associations changed", diff, StringComparison.Ordinal);
        Assert.Contains("trust policies changed", diff, StringComparison.Ordinal);
        Assert.Contains("[by migrator]", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("[outside migrator]", diff, StringComparison.Ordinal);
        var diffJson = JsonNode.Parse(await _cli.Ok("runs", "diff", "--output", "json"))!;
        Assert.All(diffJson["associations"]!.AsArray(), a => Assert.True(a!["byTool"]!.GetValue<bool>()));
        Assert.All(diffJson["trustPolicies"]!.AsArray(), t => Assert.True(t!["byTool"]!.GetValue<bool>()));
    }

    /// <summary>The NEW_TRUST.json the dry run printed under the step described as <paramref name="step"/>.</summary>
    private static string NewTrust(string dryRun, string step)
    {
        var lines = dryRun.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindIndex(l => l == $"- {step}");
        Assert.True(at >= 0, $"no step '{step}' in\n{dryRun}");
        var header = lines.FindIndex(at, l => l.StartsWith("    NEW_TRUST.json, the exact document written", StringComparison.Ordinal));
        Assert.True(header > at, dryRun);
        return string.Join('\n', lines.Skip(header + 1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)).Select(l => l[6..]));
    }
}
