using System.Diagnostics;
using Migrator.Application;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Reports;

namespace Migrator.Benchmarks;

/// <summary>
/// Hears the main job's stages end (assessment, planning, the scope's progress, the report) and measures each: its
/// wall time, its peak resident set and heap (<see cref="StageMemory"/>), and the GC's work during the report.
/// </summary>
public sealed class MeasuredStages(StageMemory memory) : IMainJobProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, TimeSpan> _took = [];
    private (TimeSpan Paused, int Gen0, int Gen1, int Gen2) _gc = Gc();

    public ReportOutcome? Report { get; private set; }
    public string ReportGc { get; private set; } = "";

    public TimeSpan Took(string stage) => _took.TryGetValue(stage, out var t) ? t : TimeSpan.Zero;

    public Task InventoryStartingAsync(IReadOnlyList<AccountScope> accounts) => Task.CompletedTask;
    public Task InventoryDoneAsync(InventoryOutcome outcome) => Task.CompletedTask;
    public Task AssessedAsync(AssessmentOutcome outcome) => End("assessment");
    public Task PlannedAsync(PlanOutcome outcome) => End("planning");
    public Task ScopeProgressAsync(ScopeProgress? progress) => End("progress");

    public Task ReportedAsync(ReportOutcome outcome)
    {
        Report = outcome;
        var now = Gc();
        ReportGc = $"GC paused {(now.Paused - _gc.Paused).TotalSeconds:0.00} s in {now.Gen0 - _gc.Gen0} collections ({now.Gen1 - _gc.Gen1} gen1, {now.Gen2 - _gc.Gen2} gen2)";
        return End("report");
    }

    private Task End(string stage)
    {
        _took[stage] = _clock.Elapsed;
        memory.After(stage);
        memory.Begin();
        _gc = Gc();
        _clock.Restart();
        return Task.CompletedTask;
    }

    private static (TimeSpan Paused, int Gen0, int Gen1, int Gen2) Gc() => (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
