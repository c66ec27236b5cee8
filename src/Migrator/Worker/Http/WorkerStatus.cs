using Migrator.Application;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Reports;

namespace Migrator.Worker.Http;

/// <summary>What the worker's gauges show, as read from the state when /metrics was last scraped.</summary>
public sealed record WorkerStatusSnapshot
{
    public static readonly WorkerStatusSnapshot Empty = new();

    /// <summary>Stored inventory runs.</summary>
    public int Runs { get; init; }
    public RunSummary? LatestRun { get; init; }
    /// <summary>The newest run with an assessment, and its bindings per category (every category listed, 0 when none).</summary>
    public long? AssessedRunId { get; init; }
    public IReadOnlyDictionary<BindingCategory, int> Bindings { get; init; } = new Dictionary<BindingCategory, int>();
    /// <summary>The plan the worker executes (newest with an approval, else the newest) and its phases' progress.</summary>
    public PlanProgressView? Plan { get; init; }
    public IReadOnlyList<PlanLockHolder> Locks { get; init; } = [];
    /// <summary>The newest sharded run (in progress or not): its id and its shards by status.</summary>
    public (long RunId, IReadOnlyDictionary<Core.Inventory.Sharding.ShardStatus, int> ByStatus)? Shards { get; init; }
}

/// <summary>
/// Reads <see cref="WorkerStatusSnapshot"/> from the stores. The /metrics endpoint refreshes it before each scrape,
/// so the observable gauges (which OpenTelemetry reads synchronously) only copy the snapshot.
/// </summary>
public sealed class WorkerStatus(
    IInventoryStore inventory, IAssessmentStore assessments, IPlanStore plans, IExecutionJournal journal, PlanLockHolders locks,
    IInventoryRunWriter unfinished, IInventoryShardStore shards)
{
    private volatile WorkerStatusSnapshot _current = WorkerStatusSnapshot.Empty;

    public WorkerStatusSnapshot Current => _current;

    public async Task<WorkerStatusSnapshot> RefreshAsync(CancellationToken ct)
    {
        var runs = await inventory.ListRunsAsync(ct);
        var newestFirst = runs.OrderByDescending(r => r.RunId).ToList();
        long? assessedRun = null;
        IReadOnlyDictionary<BindingCategory, int>? counts = null;
        // The newest run may still be collecting or be unassessed: look back a few runs for the latest assessment.
        foreach (var run in newestFirst.Take(5))
        {
            counts = await assessments.LoadCategoryCountsAsync(run.RunId, ct);
            if (counts is null) continue;
            assessedRun = run.RunId;
            break;
        }

        var snapshot = new WorkerStatusSnapshot
        {
            Runs = runs.Count,
            LatestRun = newestFirst.FirstOrDefault(),
            AssessedRunId = assessedRun,
            Bindings = Enum.GetValues<BindingCategory>().ToDictionary(c => c, c => counts?.GetValueOrDefault(c) ?? 0),
            Plan = await ExecutedPlanAsync(ct),
            Locks = await locks.ListAsync(ct),
            Shards = await NewestShardedRunAsync(newestFirst, ct),
        };
        _current = snapshot;
        return snapshot;
    }

    /// <summary>The newest run that has shards among the unfinished runs and the newest finished ones.</summary>
    private async Task<(long, IReadOnlyDictionary<Core.Inventory.Sharding.ShardStatus, int>)?> NewestShardedRunAsync(IReadOnlyList<RunSummary> finished, CancellationToken ct)
    {
        var candidates = (await unfinished.UnfinishedRunsAsync(ct)).Concat(finished.Take(5)).Select(r => r.RunId).Distinct().OrderDescending();
        foreach (var runId in candidates)
        {
            var runShards = await shards.ShardsAsync(runId, ct);
            if (runShards.Count == 0) continue;
            return (runId, Enum.GetValues<Core.Inventory.Sharding.ShardStatus>().ToDictionary(s => s, s => runShards.Count(x => x.Status == s)));
        }
        return null;
    }

    private async Task<PlanProgressView?> ExecutedPlanAsync(CancellationToken ct)
    {
        var stored = await plans.ListAsync(ct);
        if (stored.Count == 0) return null;
        var (approved, _) = await ApprovedPlanChoice.NewestApprovedAsync(plans, stored, ct);
        var outline = await plans.LoadPhasesAsync(approved ?? stored[0].PlanId, ct);
        if (outline is null) return null;
        return PlanProgressProjection.From(outline, await journal.LoadAsync(outline.PlanId, ct));
    }
}
