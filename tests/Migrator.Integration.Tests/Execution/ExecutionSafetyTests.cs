using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Migrator.Cli;
using Migrator.Core.Planning;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Issue 14 with real processes against 'sandbox serve': a second executor of the same plan is refused while the
/// first runs (CLI verbs and the worker), and SIGTERM stops `phase run` and the worker with every begun step journalled
/// and no step begun after the signal.
/// </summary>
public sealed partial class ExecutionSafetyTests : IDisposable
{
    private readonly MigratorProcesses _m = new();

    public void Dispose() => _m.Dispose();

    [GeneratedRegex(@"SIGTERM received at (\S+):")]
    private static partial Regex SigtermAt();

    /// <summary>Sandbox, inventory, plan with an 8-binding canary, P0 run, canary approved. Returns the canary phase.</summary>
    private async Task<(Phase Canary, HttpClient Admin)> Prepare()
    {
        var admin = await _m.StartSandbox(latencyMs: 50);
        foreach (var a in (string[])["--config", _m.Config, "--db", _m.Db,
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=8",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200", "--Execution:MaxParallelBindings=1",
            "--Aws:Retry:AttemptTimeout=00:04:00", "--Aws:Retry:TotalTimeout=00:05:00"])
            _m.Common.Add(a);
        await _m.Ok("inventory");
        await _m.Ok("assess");
        await _m.Ok("plan", "create");
        var plan = PlanJson.Deserialize(await _m.Ok("plan", "show", "--output", "json"));
        var canary = Assert.Single(plan.Phases, p => p.Kind == PhaseKind.Canary);
        Assert.True(canary.Bindings.Count >= 4, $"the canary has only {canary.Bindings.Count} binding(s)");
        await _m.Ok("plan", "approve", "--phase", "0", "--by", "test");
        await _m.Ok("phase", "run", "0");
        await _m.Ok("plan", "approve", "--phase", N(canary), "--by", "test");
        return (canary, new HttpClient { BaseAddress = admin, Timeout = TimeSpan.FromMinutes(1) });
    }

    private static string N(Phase p) => p.Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Change windows open every day, all day (bar one second at midnight), so the worker executes.</summary>
    private static string[] AlwaysOpen =>
        [.. Enum.GetValues<DayOfWeek>().Select((d, i) => $"--Execution:ChangeWindows:0:Days:{i}={d}"),
            "--Execution:ChangeWindows:0:Start=00:00:01", "--Execution:ChangeWindows:0:End=00:00:00"];

    private static Task<long> Calls(HttpClient admin, string service, string operation) => Counter(admin, "calls", service, operation);

    /// <summary>Mutations that took effect (a request cut off by a kill counts as a call, not as applied).</summary>
    private static Task<long> Applied(HttpClient admin, string service, string operation) => Counter(admin, "applied", service, operation);

    private static async Task<long> Counter(HttpClient admin, string kind, string service, string operation)
    {
        using var counters = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/admin/counters", UriKind.Relative)));
        return counters.RootElement.GetProperty(kind).TryGetProperty(service, out var ops) && ops.TryGetProperty(operation, out var n) ? n.GetInt64() : 0;
    }

    /// <summary>After a SIGTERM at <paramref name="signalledAt"/>: no Started entry is left without an outcome, none began later, and the phase was cut short.</summary>
    private void AssertStoppedCleanly(Phase canary, string signalledAt, string output)
    {
        var entries = _m.Entries(canary.Number);
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.Status == "Started");
        var late = entries.Where(e => string.CompareOrdinal(e.StartedAt, signalledAt) > 0).ToList();
        Assert.True(late.Count == 0, $"step(s) began after the signal at {signalledAt}: {string.Join(", ", late.Select(e => $"{e.Step} {e.StartedAt}"))}\n{output}");
        var mutations = canary.Steps.Count(s => s.Mutates);
        Assert.True(_m.CompletedForwardMutations(canary.Number) < mutations, $"all {mutations} mutation steps ran: the signal did not stop anything\n{output}");
    }

    [Fact]
    public async Task While_one_process_runs_a_phase_every_other_executor_of_the_plan_is_refused_with_the_holder_and_no_mutation_is_repeated()
    {
        var (canary, admin) = await Prepare();
        using var _ = admin;
        var firstOutput = new StringBuilder();
        using var first = _m.Start(["phase", "run", N(canary)], firstOutput);
        await MigratorProcesses.WaitUntil(() => _m.Entries(canary.Number).Count > 0, first, firstOutput, "the first run journalled a step");

        // The estate freezes: the first run stays alive mid-phase, holding the lock, for as long as the checks take
        // (it waits on an API call, outside any SQLite transaction; its API timeouts are raised below).
        await MigratorProcesses.Signal(_m.Sandbox, "STOP");
        try
        {
            var holder = $"pid {first.Id} (phase run {N(canary)}) since ";
            var binding = canary.Bindings[0].Key;
            foreach (var args in (string[][])[
                ["phase", "run", N(canary)],
                ["phase", "rollback", N(canary)],
                ["binding", "rollback", $"{binding.Cluster.Name}/{binding.Namespace}/{binding.ServiceAccount}"]])
            {
                var (code, output) = await _m.Run(args);
                Assert.True(code == ExitCodes.Failure, $"migrator {string.Join(' ', args)} exited {code}, expected {ExitCodes.Failure} (locked)\n{output}");
                Assert.Contains($"{Environment.MachineName} {holder}", output, StringComparison.Ordinal);
            }

            // The worker's phase job is refused the same way (it fires every second inside an always-open window).
            var workerOutput = new StringBuilder();
            using var worker = _m.Start(["worker", "--Worker:PhaseCron=* * * * * ?", "--Worker:Http:Port=0", $"--Worker:LivenessFile={_m.Dir.File("alive")}", .. AlwaysOpen], workerOutput);
            await MigratorProcesses.WaitUntil(() => MigratorProcesses.Text(workerOutput).Contains("locked by another executor", StringComparison.Ordinal), worker, workerOutput, "the worker was refused the lock");
            Assert.Contains($"{Environment.MachineName} {holder}", MigratorProcesses.Text(workerOutput), StringComparison.Ordinal);
            await MigratorProcesses.Signal(worker, "TERM");
            Assert.Equal(ExitCodes.Ok, await MigratorProcesses.ExitOf(worker, workerOutput, "the worker after SIGTERM"));
        }
        finally
        {
            await MigratorProcesses.Signal(_m.Sandbox, "CONT");
        }

        Assert.Equal(ExitCodes.Ok, await MigratorProcesses.ExitOf(first, firstOutput, "the first phase run"));
        Assert.Equal(canary.Steps.Count(s => s.Kind == StepKind.CreateAssociation), await Calls(admin, "eks", "CreatePodIdentityAssociation"));
        Assert.Equal(canary.Steps.Where(s => s.Kind == StepKind.AddPodIdentityTrust).Select(s => s.RoleArn).Distinct(StringComparer.Ordinal).Count(), await Calls(admin, "iam", "UpdateAssumeRolePolicy"));

        // Released on exit: the next executor gets the lock (nothing left to do).
        await _m.Ok("phase", "run", N(canary));
    }

    [Fact]
    public async Task A_lock_held_by_a_process_killed_with_SIGKILL_is_free_for_the_next_run()
    {
        var (canary, admin) = await Prepare();
        using var _ = admin;
        var output = new StringBuilder();
        using (var first = _m.Start(["phase", "run", N(canary)], output))
        {
            await MigratorProcesses.WaitUntil(() => _m.Entries(canary.Number).Count > 0, first, output, "the first run journalled a step");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var inFlight = _m.InFlightForward(canary.Number, nameof(StepKind.CreateAssociation));

        var resumed = await _m.Ok("phase", "run", N(canary));
        Assert.DoesNotContain("being executed by", resumed, StringComparison.Ordinal);
        // Each association created once; a create the kill cut off may have arrived without taking effect.
        var creates = canary.Steps.Count(s => s.Kind == StepKind.CreateAssociation);
        Assert.Equal(creates, await Applied(admin, "eks", "CreatePodIdentityAssociation"));
        Assert.InRange(await Calls(admin, "eks", "CreatePodIdentityAssociation"), creates, creates + inFlight);
    }

    [Fact]
    public async Task SIGTERM_to_phase_run_finishes_the_steps_in_flight_begins_none_after_the_signal_and_exits_1()
    {
        var (canary, admin) = await Prepare();
        using var _ = admin;
        var output = new StringBuilder();
        // The sandbox holds every call once a mutation took effect, so the signal lands part-way whatever the scheduling;
        // it lets them go once the signal is acknowledged, and the step in flight finishes.
        await MigratorProcesses.AdminPost(admin, "/admin/hold?after=1");
        using var run = _m.Start(["phase", "run", N(canary)], output);
        await MigratorProcesses.WaitUntil(() => _m.CompletedForwardMutations(canary.Number) > 0, run, output, "a mutation completed");

        await MigratorProcesses.Signal(run, "TERM");
        await MigratorProcesses.WaitUntil(() => SigtermAt().IsMatch(MigratorProcesses.Text(output)), run, output, "the SIGTERM was acknowledged");
        await MigratorProcesses.AdminPost(admin, "/admin/release");
        var code = await MigratorProcesses.ExitOf(run, output, "phase run after SIGTERM");

        var text = MigratorProcesses.Text(output);
        Assert.True(code == ExitCodes.Failure, $"exit {code}\n{text}");
        var at = SigtermAt().Match(text);
        Assert.True(at.Success, $"no SIGTERM acknowledgement:\n{text}");
        Assert.Contains("run the same command again to continue", text, StringComparison.Ordinal);
        AssertStoppedCleanly(canary, at.Groups[1].Value, text);

        // Resume completes the phase without repeating a mutation.
        await _m.Ok("phase", "run", N(canary));
        Assert.Equal(canary.Steps.Count(s => s.Kind == StepKind.CreateAssociation), await Calls(admin, "eks", "CreatePodIdentityAssociation"));
    }

    [Fact]
    public async Task SIGTERM_to_the_worker_stops_its_running_phase_after_the_steps_in_flight_and_exits_0()
    {
        var (canary, admin) = await Prepare();
        using var _ = admin;
        var output = new StringBuilder();
        await MigratorProcesses.AdminPost(admin, "/admin/hold?after=1");
        using var worker = _m.Start(["worker", "--Worker:PhaseCron=* * * * * ?", "--Worker:Http:Port=0", $"--Worker:LivenessFile={_m.Dir.File("alive")}", .. AlwaysOpen], output);
        await MigratorProcesses.WaitUntil(() => _m.CompletedForwardMutations(canary.Number) > 0, worker, output, "the worker completed a mutation");

        await MigratorProcesses.Signal(worker, "TERM");
        await MigratorProcesses.WaitUntil(() => SigtermAt().IsMatch(MigratorProcesses.Text(output)), worker, output, "the SIGTERM was acknowledged");
        await MigratorProcesses.AdminPost(admin, "/admin/release");
        var code = await MigratorProcesses.ExitOf(worker, output, "the worker after SIGTERM");

        var text = MigratorProcesses.Text(output);
        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{text}");
        var at = SigtermAt().Match(text);
        Assert.True(at.Success, $"no SIGTERM acknowledgement:\n{text}");
        Assert.Contains("Approved-phase execution stopped", text, StringComparison.Ordinal);
        AssertStoppedCleanly(canary, at.Groups[1].Value, text);
    }
}
