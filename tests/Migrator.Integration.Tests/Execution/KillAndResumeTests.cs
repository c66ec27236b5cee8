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
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromMinutes(4);
    private static readonly string MigratorDll = Path.Combine(AppContext.BaseDirectory, "migrator.dll");

    private readonly TempDirectory _dir = new();
    private Process? _serve;

    private string Db => _dir.File("state.db");
    private string Config => _dir.File("sandbox/migrator.sandbox.json");

    public void Dispose()
    {
        if (_serve is not null)
        {
            if (!_serve.HasExited)
            {
                _serve.Kill(entireProcessTree: true);
                _serve.WaitForExit(10_000);
            }
            _serve.Dispose();
        }
        _dir.Dispose();
    }

    private static ProcessStartInfo Migrator(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(MigratorDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return info;
    }

    private string[] Common =>
    [
        "--config", Config, "--db", Db,
        "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=4",
        "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
    ];

    /// <summary>Starts a migrator child process with stdout and stderr collected.</summary>
    private Process Start(string[] args, StringBuilder output)
    {
        var p = new Process { StartInfo = Migrator([.. args, .. Common]) };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringBuilder();
        using var p = Start(args, output);
        using var deadline = new CancellationTokenSource(CommandDeadline);
        try
        {
            await p.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"migrator {string.Join(' ', args)} did not finish within {CommandDeadline}:\n{output}");
        }
        lock (output) return (p.ExitCode, output.ToString());
    }

    private async Task<string> Ok(params string[] args)
    {
        var (code, output) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{output}");
        return output;
    }

    /// <summary>Starts 'sandbox serve' and waits (event-driven, with a deadline) until it prints its admin endpoint.</summary>
    private async Task<Uri> StartSandbox()
    {
        var info = Migrator(["sandbox", "serve", "--clusters", "4", "--service-accounts", "40", "--seed", "11", "--dir", _dir.File("sandbox"), "--latency-ms", "20"]);
        _serve = new Process { StartInfo = info };
        var admin = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        _serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                admin.TrySetException(new InvalidOperationException($"sandbox serve closed its output before printing the endpoints:\n{log}"));
                return;
            }
            lock (log) log.AppendLine(e.Data);
            var line = e.Data.Trim();
            if (line.StartsWith("admin ", StringComparison.Ordinal))
            {
                var url = line["admin ".Length..].Trim().Split(' ')[0];
                admin.TrySetResult(new Uri(url[..url.IndexOf("/admin/", StringComparison.Ordinal)]));
            }
        };
        _serve.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        _serve.Start();
        _serve.BeginOutputReadLine();
        _serve.BeginErrorReadLine();
        var url = await admin.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(File.Exists(Config), $"sandbox serve did not write {Config}:\n{log}");
        return url;
    }

    private long CompletedForwardMutations(int phase)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM journal_entries
            WHERE phase = $phase AND direction = 'Forward' AND completed_at IS NOT NULL
              AND status IN ('Succeeded', 'AlreadyDone') AND step_kind NOT IN ('VerifyPodIdentity', 'ManualRestart')
            """;
        command.Parameters.AddWithValue("$phase", phase);
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 1 or 5 or 6)
        {
            // The table is not there yet (1) or the database is busy/locked (5, 6): not yet.
            return 0;
        }
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
        var admin = await StartSandbox();
        using var http = new HttpClient { BaseAddress = admin, Timeout = TimeSpan.FromMinutes(1) };

        await Ok("inventory");
        await Ok("assess");
        await Ok("plan", "create");
        var plan = PlanJson.Deserialize(await Ok("plan", "show", "--output", "json"));
        var canary = Assert.Single(plan.Phases, p => p.Kind == PhaseKind.Canary);
        Assert.NotEmpty(canary.Bindings);
        var canaryPhase = canary.Number.ToString(CultureInfo.InvariantCulture);

        await Ok("plan", "approve", "--phase", "0", "--by", "test");
        await Ok("phase", "run", "0");
        await Ok("plan", "approve", "--phase", canaryPhase, "--by", "test");

        // Run the canary and SIGKILL it once a forward mutation has completed in the journal.
        var firstRun = new StringBuilder();
        using (var runner = Start(["phase", "run", canaryPhase], firstRun))
        {
            var deadline = DateTime.UtcNow + CommandDeadline;
            while (CompletedForwardMutations(canary.Number) == 0)
            {
                if (runner.HasExited)
                    Assert.Fail($"phase run {canaryPhase} exited ({runner.ExitCode}) before any mutation completed:\n{firstRun}");
                Assert.True(DateTime.UtcNow < deadline, $"no completed forward mutation within {CommandDeadline}:\n{firstRun}");
                await Task.Delay(20);
            }
            Assert.False(runner.HasExited, $"phase run {canaryPhase} finished before it could be killed; the test would not exercise resume:\n{firstRun}");
            runner.Kill(entireProcessTree: true);
            await runner.WaitForExitAsync();
            Assert.NotEqual(ExitCodes.Ok, runner.ExitCode);
        }
        // The kill interrupted the phase: some of its mutation steps were not done yet.
        var doneAtKill = CompletedForwardMutations(canary.Number);
        var mutationSteps = canary.Steps.Count(s => s.Mutates);
        Assert.True(doneAtKill < mutationSteps, $"all {mutationSteps} mutation steps were done before the kill; resume was not exercised:\n{firstRun}");

        // Resume: the same command again runs to completion.
        await Ok("phase", "run", canaryPhase);

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

        // No completed mutation was repeated: one CreatePodIdentityAssociation per association step, one trust write per role.
        using var counters = JsonDocument.Parse(await http.GetStringAsync(new Uri("/admin/counters", UriKind.Relative)));
        long Calls(string service, string operation) =>
            counters.RootElement.GetProperty("calls").TryGetProperty(service, out var ops) && ops.TryGetProperty(operation, out var n) ? n.GetInt64() : 0;
        var associationSteps = canary.Steps.Count(s => s.Kind == StepKind.CreateAssociation);
        Assert.Equal(associationSteps, Calls("eks", "CreatePodIdentityAssociation"));
        var trustRoles = canary.Steps.Where(s => s.Kind == StepKind.AddPodIdentityTrust).Select(s => s.RoleArn).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(trustRoles, Calls("iam", "UpdateAssumeRolePolicy"));
    }
}
