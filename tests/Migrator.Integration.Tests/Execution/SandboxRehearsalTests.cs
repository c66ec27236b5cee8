using System.Globalization;
using System.Text;
using Migrator.Cli;
using Migrator.Core.Planning;
using Migrator.Sandbox;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// Issue 14: a `--sandbox` rehearsal is faithful. Every change of the simulated estate is on disk before it is answered,
/// so a phase killed with SIGKILL resumes with what it did; --estate starts a new rehearsal only through 'sandbox reset'.
/// </summary>
public sealed class SandboxRehearsalTests : IDisposable
{
    private readonly MigratorProcesses _m = new();

    public SandboxRehearsalTests()
    {
        foreach (var a in (string[])["--sandbox",
            "--Sandbox:Generate:Clusters=3", "--Sandbox:Generate:ServiceAccounts=40", "--Sandbox:Realism:LatencyMs=30",
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=6",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200", "--Execution:MaxParallelBindings=1"])
            _m.Common.Add(a);
    }

    public void Dispose() => _m.Dispose();

    private string Db => _m.Dir.File(".sandbox/migrator.db");
    private string StateFile => _m.Dir.File(".sandbox/state.json");

    private static List<(string Binding, string Role)> Associations(Estate estate) => estate.Clusters
        .SelectMany(c => c.PodIdentityAssociations.Select(a => ($"{c.AccountId}/{c.Region}/{c.Name}/{a.Namespace}/{a.ServiceAccount}", a.RoleArn))).ToList();

    [Fact]
    public async Task A_rehearsal_killed_with_SIGKILL_mid_phase_keeps_its_changes_and_resumes_from_them()
    {
        await _m.Ok("inventory");
        await _m.Ok("assess");
        await _m.Ok("plan", "create");
        var plan = PlanJson.Deserialize(await _m.Ok("plan", "show", "--output", "json"));
        var canary = Assert.Single(plan.Phases, p => p.Kind == PhaseKind.Canary);
        var n = canary.Number.ToString(CultureInfo.InvariantCulture);
        await _m.Ok("plan", "approve", "--phase", "0", "--by", "test");
        await _m.Ok("phase", "run", "0");
        await _m.Ok("plan", "approve", "--phase", n, "--by", "test");

        var output = new StringBuilder();
        using (var run = _m.Start(["phase", "run", n], output))
        {
            await MigratorProcesses.WaitUntil(() => CreatedAssociations(canary.Number).Count > 0, run, output, "an association was journalled as created");
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }

        // Every association the journal says was created is in the saved estate, though the process never exited.
        var created = CreatedAssociations(canary.Number);
        var saved = Associations(EstateFile.Load(StateFile));
        foreach (var binding in created)
            Assert.True(saved.Count(a => a.Binding == binding) == 1, $"{binding}: created before the kill, missing from the saved rehearsal\n{MigratorProcesses.Text(output)}");
        Assert.True(created.Count < canary.Bindings.Count, "the whole phase ran before the kill: resume was not exercised");

        await _m.Ok("phase", "run", n);

        var final = Associations(EstateFile.Load(StateFile));
        foreach (var b in canary.Bindings)
            Assert.Equal(b.RoleArn, Assert.Single(final, a => a.Binding == b.Key.ToString()).Role);
    }

    [Fact]
    public async Task Estate_does_not_replace_a_rehearsal_in_progress_and_sandbox_reset_starts_a_new_one_from_it()
    {
        await _m.Ok("sandbox", "generate", "--clusters", "1", "--service-accounts", "10", "--seed", "5", "--out", _m.Dir.File("small.json"));
        await _m.Ok("inventory");
        var before = File.ReadAllText(StateFile);

        var (code, output) = await _m.Run("inventory", "--estate", _m.Dir.File("small.json"));

        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}");
        Assert.Contains("migrator sandbox reset --estate", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(StateFile));

        var reset = await RunWithoutSandbox("sandbox", "reset", "--estate", _m.Dir.File("small.json"));
        Assert.Contains("discarded", reset, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "the rehearsal's database is discarded with its estate");
        Assert.Single(EstateFile.Load(StateFile).Clusters);

        await _m.Ok("inventory");
        Assert.Single(EstateFile.Load(StateFile).Clusters);
    }

    private async Task<string> RunWithoutSandbox(params string[] args)
    {
        var common = _m.Common.ToList();
        _m.Common.Clear();
        try
        {
            return await _m.Ok(args);
        }
        finally
        {
            foreach (var a in common)
                _m.Common.Add(a);
        }
    }

    private List<string> CreatedAssociations(int phase) => _m.Query(
        "SELECT binding FROM journal_entries WHERE phase = $phase AND step_kind = 'CreateAssociation' AND status = 'Succeeded' AND binding IS NOT NULL",
        phase, r =>
        {
            var list = new List<string>();
            while (r.Read())
                list.Add(r.GetString(0));
            return list;
        }, [], Db);
}
