using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Ports;
using Migrator.Reports;

namespace Migrator.Benchmarks;

/// <summary>
/// The main job's stages after the inventory (assessment, planning, the scope's progress, the report) on a stored
/// inventory run, measured as the estate benchmark measures them: each stage's peak resident set, heap, allocations and
/// GCs. A kept 100× run (`estate ... --keep`) re-runs here in about a minute instead of the inventory's ten; the estate is
/// not called (these stages read and write the state file only), so the sandbox need not run.
/// </summary>
public static class StoredStagesBenchmark
{
    public const string Usage = """
        usage: stages --dir DIR [--run N] [--live-heap]
          DIR: a folder kept by 'estate --keep' (its bench.db and migrator.sandbox.json); the state file gains an
               assessment and a plan. --run: the inventory run (default: the latest).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        string? dir = null;
        long? run = null;
        var liveHeap = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dir" when i + 1 < args.Length: dir = args[++i]; break;
                case "--run" when i + 1 < args.Length && long.TryParse(args[i + 1], out var n): run = n; i++; break;
                case "--live-heap": liveHeap = true; break;
                default:
                    output.WriteLine($"stages: '{args[i]}' is not an option here.\n{Usage}");
                    return 2;
            }
        }
        var (database, config) = dir is null ? (null, null) : (Path.Combine(dir, "bench.db"), Path.Combine(dir, "migrator.sandbox.json"));
        if (database is null || !File.Exists(database) || !File.Exists(config))
        {
            output.WriteLine($"stages: --dir must name a folder kept by 'estate --keep' (with bench.db and migrator.sandbox.json).\n{Usage}");
            return 2;
        }

        var reports = Path.Combine(dir!, "reports-stages");
        var overrides = new Dictionary<string, string?> { ["Reports:OutputPath"] = reports };
        using var host = await MigratorHost.BuildAsync(new GlobalOptions { ConfigFile = config, Database = database }, overrides, ct);
        var services = host.Services;
        var runs = await services.GetRequiredService<IInventoryStore>().ListRunsAsync(ct);
        var runId = run ?? runs.Where(r => r.CompletedAt is not null).Select(r => (long?)r.RunId).Max();
        if (runId is null || runs.All(r => r.RunId != runId))
        {
            output.WriteLine($"stages: {database} holds no {(run is null ? "complete inventory run" : $"inventory run {run}")}.");
            return 2;
        }
        output.WriteLine($"stages of inventory run {runId} from {database}; tool code {ToolCode.Of(typeof(Migrator.Core.Planning.Planner).Assembly)}; GC: {GcSettings.Describe()}");

        await StageBoundary.ReleaseMemoryAsync();
        var memory = new StageMemory(liveHeap);
        var paused = GC.GetTotalPauseDuration();
        memory.Begin();
        var stages = new MeasuredStages(memory);
        var sw = Stopwatch.StartNew();
        await services.GetRequiredService<IMainJob>().ContinueAsync(runId.Value,
            new MainJobRequest(CreatePlan: true, [ReportFormat.Html, ReportFormat.Markdown], reports), stages, ct);
        output.WriteLine($"assessment {stages.Took("assessment").TotalSeconds:0.00} s, planning {stages.Took("planning").TotalSeconds:0.00} s, "
            + $"report {stages.Took("report").TotalSeconds:0.00} s; all {sw.Elapsed.TotalSeconds:0.0} s; GC paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.00} s");
        output.WriteLine($"tool peak RSS {memory.PeakMb} MB");
        output.WriteLine(memory.ToString());
        return 0;
    }
}
