using System.Net;
using System.Net.Sockets;
using Migrator.Cli;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// Inputs that used to end in an unhandled exception (exit 134): each is now exit 3 with a message naming the thing
/// and the fix, and no stack trace. The state file is checked before any API is called.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrashCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertExit(int expected, (int Code, string Out, string Err) result)
    {
        Assert.True(result.Code == expected, $"exit {result.Code}, expected {expected}\n{result.Out}\n{result.Err}");
        CliRun.AssertClean(result.Err);
    }

    [Fact]
    public async Task Report_into_a_folder_that_cannot_be_made_is_invalid_input_naming_it()
    {
        var sandbox = new SandboxCli(_dir);
        await sandbox.Ok("run");
        var result = await sandbox.Cli("report", "--out", "/proc/nope");
        AssertExit(ExitCodes.InvalidInput, result);
        Assert.Contains("cannot write the report into '/proc/nope'", result.Err, StringComparison.Ordinal);
        Assert.Contains("Choose a writable folder with --out DIR", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_an_earlier_run_leaves_latest_to_the_newest_run()
    {
        var sandbox = new SandboxCli(_dir);
        await sandbox.Ok("run");
        await sandbox.Ok("run");
        var reports = _dir.File("reports");
        await sandbox.Ok("report", "--out", reports, "--format", "json");
        var latest = await File.ReadAllTextAsync(Path.Combine(reports, "latest.json"));

        var output = await sandbox.Ok("report", "--run", "1", "--out", reports, "--format", "json");

        Assert.Equal(latest, await File.ReadAllTextAsync(Path.Combine(reports, "latest.json")));
        Assert.DoesNotContain("latest.json", output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(reports, "report-run1-*.json"));
    }

    [Fact]
    public async Task A_damaged_state_file_is_refused_with_the_fix()
    {
        var sandbox = new SandboxCli(_dir);
        await sandbox.Ok("run");
        var db = _dir.File("state.db");
        // Overwrite pages in the middle of the file: the header still reads, the b-trees do not.
        await using (var file = new FileStream(db, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Seek(file.Length / 2 / 4096 * 4096, SeekOrigin.Begin);
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 8192).ToArray());
        }

        var result = await sandbox.Cli("report", "--out", _dir.File("reports"));

        AssertExit(ExitCodes.InvalidInput, result);
        Assert.Contains($"the state file '{db}' is damaged", result.Err, StringComparison.Ordinal);
        Assert.Contains(".recover", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_no_database_is_refused_with_the_fix()
    {
        var db = _dir.File("not-a.db");
        await File.WriteAllTextAsync(db, new string('x', 4096));
        var result = await CliRun.InProcess("runs", "list", "--db", db);
        AssertExit(ExitCodes.InvalidInput, result);
        Assert.Contains("is damaged (SQLite Error 26: 'file is not a database'", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_state_file_is_refused_before_any_api_is_called()
    {
        var db = _dir.File("ro.db");
        AssertExit(ExitCodes.Ok, await CliRun.InProcess("runs", "list", "--db", db));
        using var readOnly = new ReadOnlyFile(db);
        // An endpoint nobody listens on: an API call would fail the account and make the run partial (exit 4).
        var result = await CliRun.InProcess("inventory", "--db", db, "--Aws:Accounts:0:Id=111111111111", "--Aws:Accounts:0:Regions:0=us-east-1",
            "--Aws:Endpoints:Eks=http://127.0.0.1:9", "--Aws:Endpoints:Iam=http://127.0.0.1:9", "--Aws:Endpoints:Sts=http://127.0.0.1:9",
            "--Aws:Credentials:AccessKeyId=AKIDEXAMPLE", "--Aws:Credentials:SecretAccessKey=secret");

        AssertExit(ExitCodes.InvalidInput, result);
        Assert.Contains($"the state file '{db}' (Storage:Path) cannot be written", result.Err, StringComparison.Ordinal);
        Assert.Contains("attempt to write a readonly database", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_new_state_file_is_readable_by_its_owner_only()
    {
        var db = _dir.File("new.db");
        AssertExit(ExitCodes.Ok, await CliRun.InProcess("runs", "list", "--db", db));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db));
    }

    [Fact]
    public async Task Sandbox_serve_on_a_busy_port_is_invalid_input_naming_the_port()
    {
        // Any port of BASE..BASE+4 taken: the second one here.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var basePort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var busy = new TcpListener(IPAddress.Loopback, basePort + 1);
        busy.Start();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["sandbox", "serve", "--port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--clusters", "1", "--service-accounts", "2", "--dir", _dir.File("sandbox")], stdout, stderr, deadline.Token);

        AssertExit(ExitCodes.InvalidInput, (code, stdout.ToString(), stderr.ToString()));
        Assert.Contains("address already in use", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("Give --port a base whose five ports BASE..BASE+4 are all free", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_files_holding_secrets_are_written_owner_only()
    {
        var dir = _dir.File("sandbox");
        Directory.CreateDirectory(dir);
        // A kubeconfig left 0644 by an earlier version is narrowed when rewritten.
        await File.WriteAllTextAsync(Path.Combine(dir, "kubeconfig"), "old");
        File.SetUnixFileMode(Path.Combine(dir, "kubeconfig"), (UnixFileMode)0b110_100_100);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var serve = CommandLine.RunAsync(["sandbox", "serve", "--clusters", "1", "--service-accounts", "2", "--dir", dir], stdout, stderr, stop.Token);
        while (!File.Exists(Path.Combine(dir, "endpoints.json")) && !serve.IsCompleted && !stop.IsCancellationRequested)
            await Task.Delay(50);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await serve);
        foreach (var name in (string[])["kubeconfig", "aws-credentials", "migrator.sandbox.json", "aws-config"])
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, name)));
    }
}
