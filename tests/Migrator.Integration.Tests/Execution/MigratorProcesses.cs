using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Migrator.Cli;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// The built `migrator` as real child processes (as <see cref="KillAndResumeTests"/> runs it): an optional
/// 'sandbox serve', commands against it, POSIX signals sent with kill(1), and read-only looks into the state file.
/// </summary>
public sealed class MigratorProcesses : IDisposable
{
    public static readonly TimeSpan CommandDeadline = TimeSpan.FromMinutes(4);
    private static readonly string MigratorDll = Path.Combine(AppContext.BaseDirectory, "migrator.dll");

    private readonly List<string> _common = [];
    private Process? _serve;

    public TempDirectory Dir { get; } = new();
    public string Db => Dir.File("state.db");
    public string Config => Dir.File("sandbox/migrator.sandbox.json");
    public IList<string> Common => _common;
    /// <summary>The 'sandbox serve' process once started.</summary>
    public Process Sandbox => _serve ?? throw new InvalidOperationException("the sandbox is not started");

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
        Dir.Dispose();
    }

    private ProcessStartInfo Info(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Dir.Path };
        info.ArgumentList.Add(MigratorDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>Starts a migrator child process (with <see cref="Common"/> appended) collecting stdout and stderr.</summary>
    public Process Start(IEnumerable<string> args, StringBuilder output)
    {
        var p = new Process { StartInfo = Info([.. args, .. _common]) };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public static async Task<int> ExitOf(Process p, StringBuilder output, string what)
    {
        using var deadline = new CancellationTokenSource(CommandDeadline);
        try
        {
            await p.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish within {CommandDeadline}:\n{Text(output)}");
        }
        return p.ExitCode;
    }

    public async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringBuilder();
        using var p = Start(args, output);
        var code = await ExitOf(p, output, $"migrator {string.Join(' ', args)}");
        return (code, Text(output));
    }

    public async Task<string> Ok(params string[] args)
    {
        var (code, output) = await Run(args);
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{output}");
        return output;
    }

    public static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    /// <summary>Sends a POSIX signal (TERM, STOP, CONT, ...) to a process with kill(1).</summary>
    public static async Task Signal(Process p, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, p.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Polls (with the command deadline) until the condition holds; fails if the process exits first.</summary>
    /// <summary>POSTs to the sandbox's admin endpoint (e.g. /admin/hold?after=1, /admin/release) and asserts it succeeded.</summary>
    public static async Task AdminPost(HttpClient admin, string path)
    {
        using var response = await admin.PostAsync(new Uri(path, UriKind.Relative), null);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task WaitUntil(Func<bool> condition, Process p, StringBuilder output, string what)
    {
        var deadline = DateTime.UtcNow + CommandDeadline;
        while (!condition())
        {
            if (p.HasExited)
                Assert.Fail($"the process exited ({p.ExitCode}) before {what}:\n{Text(output)}");
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {CommandDeadline}:\n{Text(output)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Starts 'sandbox serve' (its files under sandbox/) and waits until it prints its admin endpoint.</summary>
    public async Task<Uri> StartSandbox(int latencyMs)
    {
        var info = Info(["sandbox", "serve", "--clusters", "4", "--service-accounts", "40", "--seed", "11", "--dir", Dir.File("sandbox"), "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture)]);
        _serve = new Process { StartInfo = info };
        var admin = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        _serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                admin.TrySetException(new InvalidOperationException($"sandbox serve closed its output before printing the endpoints:\n{Text(log)}"));
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
        Assert.True(File.Exists(Config), $"sandbox serve did not write {Config}:\n{Text(log)}");
        return url;
    }

    /// <summary>Runs a query against the state file read-only; 0/empty while the table is missing or the file busy.</summary>
    public T Query<T>(string sql, int phase, Func<SqliteDataReader, T> read, T whenUnavailable, string? db = null)
    {
        using var connection = new SqliteConnection($"Data Source={db ?? Db};Mode=ReadOnly;Pooling=False");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$phase", phase);
            using var reader = command.ExecuteReader();
            return read(reader);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 1 or 5 or 6 or 14)
        {
            return whenUnavailable;
        }
    }

    /// <summary>Forward mutations of a phase with a committed outcome (verification and manual notes excluded).</summary>
    public long CompletedForwardMutations(int phase, string? db = null) => Query(
        """
        SELECT COUNT(*) FROM journal_entries
        WHERE phase = $phase AND direction = 'Forward' AND completed_at IS NOT NULL
          AND status IN ('Succeeded', 'AlreadyDone') AND step_kind NOT IN ('VerifyPodIdentity', 'ManualRestart')
        """, phase, r => r.Read() ? r.GetInt64(0) : 0, 0L, db);

    /// <summary>
    /// Forward entries of a step kind committed before their mutation and with no outcome (what a kill leaves in flight:
    /// its request may have reached the API, or not).
    /// </summary>
    public long InFlightForward(int phase, string stepKind, string? db = null) => Query(
        $"""
        SELECT COUNT(*) FROM journal_entries
        WHERE phase = $phase AND direction = 'Forward' AND status = 'Started' AND step_kind = '{stepKind}'
        """, phase, r => r.Read() ? r.GetInt64(0) : 0, 0L, db);

    /// <summary>Every journal entry of the phase as (step id, status, started_at).</summary>
    public List<(string Step, string Status, string StartedAt)> Entries(int phase, string? db = null) => Query(
        "SELECT step_id, status, started_at FROM journal_entries WHERE phase = $phase ORDER BY id",
        phase, r =>
        {
            var list = new List<(string, string, string)>();
            while (r.Read())
                list.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
            return list;
        }, [], db);
}
