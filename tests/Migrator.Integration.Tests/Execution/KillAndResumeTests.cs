using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Integration.Tests.Storage;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Issue 6 "done when": kill -9 during a phase, then resume, reaches the same state as an uninterrupted run.
/// Real processes: 'migrator sandbox serve' serves the estate; every migrator command is its own child process against
/// it; the canary run is SIGKILLed as soon as the journal shows a completed forward mutation, then run again.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    private readonly MigratorProcesses _m = new();

    public KillAndResumeTests()
    {
        foreach (var a in new[]
        {
            "--config", _m.Config, "--db", _m.Db,
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=4",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
        })
            _m.Common.Add(a);
    }

    public void Dispose() => _m.Dispose();

    private static async Task<bool> Holding(HttpClient http)
    {
        using var hold = JsonDocument.Parse(await http.GetStringAsync(new Uri("/admin/hold", UriKind.Relative)));
        return hold.RootElement.GetProperty("holding").GetBoolean();
    }

    private static int MigratorStatements(string trust)
    {
        using var doc = JsonDocument.Parse(trust.StartsWith('%') ? Uri.UnescapeDataString(trust) : trust);
        var statement = doc.RootElement.GetProperty("Statement");
        var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        return statements.Count(s => s.TryGetProperty("Sid", out var sid) && sid.GetString() is { } v
            && v.StartsWith("MigratorPodIdentity", StringComparison.Ordinal) && v["MigratorPodIdentity".Length..].All(char.IsAsciiDigit));
    }

    [Fact]
    public async Task Canary_phase_killed_with_SIGKILL_after_a_completed_mutation_resumes_to_the_uninterrupted_state_without_repeating_mutations()
    {
        var admin = await _m.StartSandbox(20);
        using var http = new HttpClient { BaseAddress = admin, Timeout = TimeSpan.FromMinutes(1) };

        await _m.Ok("inventory");
        await _m.Ok("assess");
        await _m.Ok("plan", "create");
        var plan = PlanJson.Deserialize(await _m.Ok("plan", "show", "--output", "json"));
        var canary = Assert.Single(plan.Phases, p => p.Kind == PhaseKind.Canary);
        Assert.NotEmpty(canary.Bindings);
        var canaryPhase = canary.Number.ToString(CultureInfo.InvariantCulture);

        await _m.Ok("plan", "approve", "--phase", "0", "--by", "test");
        await _m.Ok("phase", "run", "0");
        await _m.Ok("plan", "approve", "--phase", canaryPhase, "--by", "test");

        // Run the canary and SIGKILL it once a forward mutation has completed in the journal. The sandbox holds every API
        // call once the first mutation took effect, so the run cannot finish the phase before the kill however the
        // machine schedules this test (a poll starved under load once saw all 12 mutations done first).
        await MigratorProcesses.AdminPost(http, "/admin/hold?after=1");
        var firstRun = new StringBuilder();
        using (var runner = _m.Start(["phase", "run", canaryPhase], firstRun))
        {
            await MigratorProcesses.WaitUntil(() => _m.CompletedForwardMutations(canary.Number) > 0, runner, firstRun, "a forward mutation completed in the journal");
            Assert.True(await Holding(http), "the sandbox holds the APIs once a mutation took effect");
            runner.Kill(entireProcessTree: true);
            await runner.WaitForExitAsync();
            Assert.NotEqual(ExitCodes.Ok, runner.ExitCode);
        }
        await MigratorProcesses.AdminPost(http, "/admin/release");
        // The kill interrupted the phase: some of its mutation steps were not done yet.
        var doneAtKill = _m.CompletedForwardMutations(canary.Number);
        var mutationSteps = canary.Steps.Count(s => s.Mutates);
        // A request the kill cut off may have reached the sandbox (counted as a call) with or without taking effect;
        // its entry is still Started, and resume reconciles it from the live state before any retry.
        var associationsInFlight = _m.InFlightForward(canary.Number, nameof(StepKind.CreateAssociation));
        var trustInFlight = _m.InFlightForward(canary.Number, nameof(StepKind.AddPodIdentityTrust));
        Assert.True(doneAtKill < mutationSteps, $"all {mutationSteps} mutation steps were done before the kill; resume was not exercised:\n{firstRun}");

        // Resume: the same command again runs to completion.
        await _m.Ok("phase", "run", canaryPhase);

        var estate = EstateFile.Parse(await http.GetStringAsync(new Uri("/admin/state", UriKind.Relative)), "admin/state");
        Assert.True(estate.Success, string.Join("\n", estate.Errors));
        var live = estate.Estate!;
        var associations = live.Clusters.SelectMany(c => c.PodIdentityAssociations.Select(a => (Key: $"{c.AccountId}/{c.Region}/{c.Name}/{a.Namespace}/{a.ServiceAccount}", a.RoleArn))).ToList();
        var trust = live.Accounts.SelectMany(a => a.Roles.Select(r => (Arn: a.RoleArn(r), r.TrustPolicy))).ToDictionary(x => x.Arn, x => x.TrustPolicy, StringComparer.Ordinal);
        foreach (var b in canary.Bindings)
        {
            var key = b.Key.ToString();
            var own = associations.Where(a => a.Key == key).ToList();
            var association = Assert.Single(own);
            Assert.Equal(b.RoleArn, association.RoleArn);
        }
        foreach (var role in canary.Bindings.Select(b => b.RoleArn).Distinct(StringComparer.Ordinal))
            Assert.True(MigratorStatements(trust[role]) == 1, $"{role}: expected exactly one MigratorPodIdentity statement:\n{trust[role]}");

        // No completed mutation was repeated: one applied CreatePodIdentityAssociation per association step and one
        // applied trust write per role. The only calls beyond those are requests the kill cut off (at most one per entry
        // left in flight), which the sandbox counted on arrival but which never took effect.
        using var counters = JsonDocument.Parse(await http.GetStringAsync(new Uri("/admin/counters", UriKind.Relative)));
        long Count(string kind, string service, string operation) =>
            counters.RootElement.GetProperty(kind).TryGetProperty(service, out var ops) && ops.TryGetProperty(operation, out var n) ? n.GetInt64() : 0;
        var associationSteps = canary.Steps.Count(s => s.Kind == StepKind.CreateAssociation);
        Assert.Equal(associationSteps, Count("applied", "eks", "CreatePodIdentityAssociation"));
        Assert.InRange(Count("calls", "eks", "CreatePodIdentityAssociation"), associationSteps, associationSteps + associationsInFlight);
        var trustRoles = canary.Steps.Where(s => s.Kind == StepKind.AddPodIdentityTrust).Select(s => s.RoleArn).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(trustRoles, Count("applied", "iam", "UpdateAssumeRolePolicy"));
        Assert.InRange(Count("calls", "iam", "UpdateAssumeRolePolicy"), trustRoles, trustRoles + trustInFlight);
    }
}
