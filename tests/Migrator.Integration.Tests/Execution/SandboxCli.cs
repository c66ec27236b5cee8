using Migrator.Cli;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Execution;

/// <summary>
/// The CLI in-process against a small sandbox rehearsal kept in one directory (the estate's state file and the
/// database), with short soak, verification and retry settings; <paramref name="extra"/> adds settings of a test.
/// </summary>
public sealed class SandboxCli(TempDirectory dir, params string[] extra)
{
    public string StateFile => dir.File("estate.json");

    public async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // The rehearsal's state file, unless a test puts the state elsewhere (Storage:Provider postgres refuses --db).
        string[] database = extra.Any(a => a.StartsWith("--Storage:Provider=", StringComparison.Ordinal)) ? [] : ["--db", dir.File("state.db")];
        // Reports of 'run' go into the rehearsal's directory, not the shared default (./reports under the test binaries),
        // where tests running at once wrote the same latest.* files (seen: "latest.json is being used by another process").
        // A folder of its own, so a test's own 'report --out DIR' finds only what it wrote.
        string[] reports = extra.Any(a => a.StartsWith("--Reports:OutputPath=", StringComparison.Ordinal)) ? [] : [$"--Reports:OutputPath={dir.File("run-reports")}"];
        string[] common =
        [
            "--sandbox", .. database, .. reports,
            $"--Sandbox:StateFile={StateFile}", "--Sandbox:Generate:Clusters=2", "--Sandbox:Generate:ServiceAccounts=24", "--Sandbox:Generate:Seed=7",
            "--Planning:SoakPeriod=00:00:00", "--Planning:CanarySize=2", "--Planning:MaxWaveSize=8",
            "--Execution:VerifyInterval=00:00:01", "--Execution:RetryBaseDelay=00:00:00.200",
        ];
        var code = await CommandLine.RunAsync([.. args, .. common, .. extra], stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public async Task<string> Ok(params string[] args)
    {
        var (code, output, error) = await Cli(args);
        Assert.True(code == ExitCodes.Ok, $"migrator {string.Join(' ', args)} exited {code}\n{output}\n{error}");
        return output;
    }
}
