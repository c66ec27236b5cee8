using System.Text.Json;
using Migrator.Cli;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Storage;

namespace Migrator.Integration.Tests.Cli;

/// <summary>
/// A run collected with --clusters covers part of the estate: a filter that matches nothing stores nothing (exit 3);
/// a filtered run is recorded as such and never becomes the baseline of drift or of the report (like with like).
/// </summary>
public sealed class FilteredRunCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_cluster_filter_that_matches_nothing_is_invalid_input_and_stores_no_run()
    {
        var sandbox = new SandboxCli(_dir);
        await sandbox.Ok("inventory");

        var (code, output, error) = await sandbox.Cli("inventory", "--clusters", "nope");

        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}\n{output}\n{error}");
        Assert.Contains("--clusters nope matched no cluster in", error, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", error, StringComparison.Ordinal);
        CliRun.AssertClean(error);
        var runs = JsonDocument.Parse(await sandbox.Ok("runs", "list", "--output", "json")).RootElement;
        Assert.Equal(1, runs.GetArrayLength());
    }

    [Fact]
    public async Task A_filtered_run_is_stored_as_filtered_and_never_the_baseline_of_drift_or_reports()
    {
        var sandbox = new SandboxCli(_dir);
        await sandbox.Ok("run");
        var snapshot = JsonDocument.Parse(await sandbox.Ok("runs", "show", "--output", "json")).RootElement;
        var clusters = snapshot.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("ref").GetProperty("name").GetString()!).ToList();
        Assert.True(clusters.Count >= 2);

        await sandbox.Ok("inventory", "--clusters", clusters[0]);
        await sandbox.Ok("assess");

        var runs = JsonDocument.Parse(await sandbox.Ok("runs", "list", "--output", "json")).RootElement;
        Assert.Equal($"clusters={clusters[0]}", runs[0].GetProperty("filter").GetString());
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("filter").ValueKind);
        Assert.Contains($"filtered: clusters={clusters[0]}", await sandbox.Ok("runs", "list"), StringComparison.Ordinal);

        // Whole estate against a part of it: refused, not "every other cluster removed".
        var mixed = await sandbox.Cli("runs", "diff", "1", "2");
        Assert.True(mixed.Code == ExitCodes.InvalidInput, $"exit {mixed.Code}\n{mixed.Out}\n{mixed.Err}");
        Assert.Contains("run 1 covers the whole estate and run 2 clusters=", mixed.Err, StringComparison.Ordinal);
        var lone = await sandbox.Cli("runs", "diff");
        Assert.Equal(ExitCodes.InvalidInput, lone.Code);
        Assert.Contains($"two stored runs of the same scope (clusters={clusters[0]})", lone.Err, StringComparison.Ordinal);

        // The report's default and latest.* stay the whole-estate run 1.
        var reports = _dir.File("reports");
        var report = await sandbox.Ok("report", "--out", reports, "--format", "json");
        Assert.StartsWith("run 1:", report, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "latest.json"))).RootElement.GetProperty("runId").GetInt64());

        // A later whole-estate run compares with run 1, skipping the filtered run 2: no cluster removed.
        await sandbox.Ok("inventory");
        var drift = JsonDocument.Parse(await sandbox.Ok("runs", "diff", "--output", "json")).RootElement;
        Assert.Equal(1, drift.GetProperty("fromRunId").GetInt64());
        Assert.Equal(0, drift.GetProperty("clustersRemoved").GetArrayLength());
    }
}
