using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Integration.Tests.Execution;
using Migrator.Integration.Tests.Postgres;

namespace Migrator.Integration.Tests.Worker;

/// <summary>
/// The worker's sharded inventory (Worker:ShardInventory): one shard job per account and region, taken by any worker,
/// stored into one run that equals what a single `migrator inventory` of the same estate stores.
/// </summary>
public sealed partial class ShardedInventoryTests : IAsyncLifetime
{
    private readonly MigratorProcesses _m = new();
    private PostgresTestSchema? _schema;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _m.Dispose();
        if (_schema is not null)
            await _schema.DisposeAsync();
    }

    private string[] Worker(string name, bool startInventory) =>
    [
        "worker", "--Worker:ShardInventory=true", "--Worker:ShardsPerWorker=1", "--Worker:SchedulerIdleWait=00:00:01",
        $"--Worker:RunInventoryAtStart={startInventory.ToString(CultureInfo.InvariantCulture).ToLowerInvariant()}",
        "--Worker:InventoryCron=0 0 6 * * ?", "--Worker:PhaseCron=0 0 5 * * ?", "--Worker:ClusterCheckinInterval=00:00:02", "--Worker:Http:Port=0",
        $"--Worker:LivenessFile={_m.Dir.File($"alive-{name}")}", $"--Reports:OutputPath={_m.Dir.File($"reports-{name}")}",
    ];

    /// <summary>
    /// A stored run as `runs show --output json` prints it, every list sorted (shards store in the order they finish, so
    /// rows repeated by two shards keep the first shard's place) and the run's own fields (id, times, status, the
    /// evidence window) left out.
    /// </summary>
    private static SortedDictionary<string, List<string>> Contents(string json)
    {
        var run = JsonNode.Parse(json)!.AsObject();
        var lists = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in run)
        {
            if (value is not JsonArray items)
                continue;
            foreach (var item in items.OfType<JsonObject>())
            {
                // Evidence's look-back window ends when it was read, like the run's own times.
                item.Remove("windowStart");
                item.Remove("windowEnd");
            }
            lists[name] = [.. items.Select(i => i!.ToJsonString()).Order(StringComparer.Ordinal)];
        }
        return lists;
    }

    /// <summary>Equal lists, or a failure naming the list and the records only one run has.</summary>
    private static void SameContents(string single, string sharded)
    {
        var (expected, actual) = (Contents(single), Contents(sharded));
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, rows) in expected)
        {
            var only1 = rows.Except(actual[name]).Take(3).ToList();
            var only2 = actual[name].Except(rows).Take(3).ToList();
            Assert.True(rows.SequenceEqual(actual[name]),
                $"{name}: single run {rows.Count}, sharded run {actual[name].Count}\nonly in the single run: {string.Join("\n", only1)}\nonly in the sharded run: {string.Join("\n", only2)}");
        }
    }

    private async Task<string> RunJson(long runId) => await _m.Ok("runs", "show", runId.ToString(CultureInfo.InvariantCulture), "--output", "json");

    private static async Task Until(Func<bool> condition, IEnumerable<StringBuilder> outputs, string what)
    {
        var deadline = DateTime.UtcNow + MigratorProcesses.CommandDeadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not {what} within {MigratorProcesses.CommandDeadline}:\n{string.Join("\n----\n", outputs.Select(MigratorProcesses.Text))}");
            await Task.Delay(50);
        }
    }

    private static bool Finished(StringBuilder output) => MigratorProcesses.Text(output).Contains("Scheduled inventory finished: run 2", StringComparison.Ordinal);

    [Fact]
    public async Task One_worker_collecting_the_shards_stores_the_run_a_single_inventory_stores_and_reports_it()
    {
        await _m.StartSandbox(20);
        _m.Common.Add("--config");
        _m.Common.Add(_m.Config);
        _m.Common.Add("--db");
        _m.Common.Add(_m.Db);
        await _m.Ok("inventory");

        var output = new StringBuilder();
        using var worker = _m.Start(Worker("a", true), output);
        await Until(() => worker.HasExited || Finished(output), [output], "the sharded run stored, assessed and reported");
        Assert.False(worker.HasExited, MigratorProcesses.Text(output));
        // /metrics shows the sharded run's shards by status.
        var address = HttpAddress().Match(MigratorProcesses.Text(output));
        Assert.True(address.Success, MigratorProcesses.Text(output));
        using (var http = new HttpClient { BaseAddress = new Uri(address.Groups[1].Value.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)), Timeout = TimeSpan.FromMinutes(1) })
        {
            var families = PrometheusText.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
            var shards = families["migrator_inventory_shards"].Samples;
            Assert.All(shards, x => Assert.Equal("2", x.Label("run")));
            Assert.True(shards.Single(x => x.Label("status") == "Done").Value > 1, string.Join(", ", shards.Select(x => $"{x.Label("status")}={x.Value}")));
            Assert.Equal(0, shards.Where(x => x.Label("status") != "Done").Sum(x => x.Value));
        }
        await MigratorProcesses.Signal(worker, "TERM");
        await MigratorProcesses.ExitOf(worker, output, "the worker");

        SameContents(await RunJson(1), await RunJson(2));
        var shown = await _m.Ok("runs", "show", "2");
        Assert.Contains("shards: ", shown, StringComparison.Ordinal);
        Assert.Contains("0 failed, 0 not finished; taken by 1 worker(s)", shown, StringComparison.Ordinal);
        Assert.Contains("Sharded inventory run 2 begun", MigratorProcesses.Text(output), StringComparison.Ordinal);
        // The run the worker completed was assessed and planned like any other: the latest assessment is of run 2.
        Assert.Contains("run 2", await _m.Ok("assess", "--run", "2"), StringComparison.Ordinal);
        Assert.True(File.Exists(_m.Dir.File("reports-a/latest.html")));
    }

    [PostgresFact]
    public async Task Two_workers_on_one_postgresql_share_the_shards_and_store_the_run_a_single_inventory_stores()
    {
        _schema = await TestPostgres.CreateSchemaAsync();
        // Slow enough calls that a shard outlasts the other worker's look for work (Worker:SchedulerIdleWait 1 s).
        await _m.StartSandbox(250);
        foreach (var a in new[] { "--config", _m.Config, "--Storage:Provider=postgres", $"--Storage:ConnectionString={_schema.ConnectionString}" })
            _m.Common.Add(a);
        await _m.Ok("inventory");

        var outputs = new[] { new StringBuilder(), new StringBuilder() };
        using var workerB = _m.Start(Worker("b", false), outputs[1]);
        await Until(() => workerB.HasExited || MigratorProcesses.Text(outputs[1]).Contains("worker started", StringComparison.Ordinal), outputs, "worker b started");
        using var workerA = _m.Start(Worker("a", true), outputs[0]);
        var workers = new[] { workerA, workerB };
        await Until(() => workers.Any(w => w.HasExited) || outputs.Any(Finished), outputs, "the sharded run stored, assessed and reported by one of the workers");
        Assert.All(workers, w => Assert.False(w.HasExited, string.Join("\n----\n", outputs.Select(MigratorProcesses.Text))));
        foreach (var (w, o) in workers.Zip(outputs))
        {
            await MigratorProcesses.Signal(w, "TERM");
            await MigratorProcesses.ExitOf(w, o, "a worker");
        }

        SameContents(await RunJson(1), await RunJson(2));
        var shown = await _m.Ok("runs", "show", "2");
        Assert.Contains("0 failed, 0 not finished; taken by 2 worker(s)", shown, StringComparison.Ordinal);
        // Each shard stored once: one 'stored by' line per shard across both workers' logs.
        var stored = outputs.Sum(o => MigratorProcesses.Text(o).Split('\n').Count(l => l.Contains("of run 2 stored by worker", StringComparison.Ordinal)));
        var shards = shown.Split('\n').Count(l => l.TrimStart().Length > 0 && char.IsAsciiDigit(l.TrimStart()[0]) && l.Contains(": done by ", StringComparison.Ordinal));
        Assert.True(shards > 1, shown);
        Assert.Equal(shards, stored);
        Assert.Equal(1, outputs.Count(Finished));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"http (http://[^ ,]+)")]
    private static partial System.Text.RegularExpressions.Regex HttpAddress();
}
