using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Reports;

namespace Migrator.Application;

/// <summary>
/// The main job: inventory → assessment → plan → report, each stage stored before the next reads it. Shared by
/// `migrator run` and the worker. A plan is created unless the request says not to; nothing in the estate is changed
/// (phases run only after approval).
/// </summary>
public sealed class MainJob(InventoryStage inventory, AssessmentStage assessment, PlanningStage planning, ReportStage reports, IInventoryStore runs, ScopeTracker scope) : IMainJob
{
    public async Task<MainJobOutcome> RunAsync(MainJobRequest request, IMainJobProgress progress, CancellationToken ct)
    {
        // The estate in memory (snapshot, assessment, plan) is let go before the report, which reads what it needs back
        // from the state file: at 20,000 bindings holding both would add a second copy to the peak.
        var (runId, status, bindings, planId, regressions) = await CollectAssessPlanAsync(request, progress, ct);
        var report = await reports.GenerateAsync(new ReportRequest(runId, request.ReportFormats ?? [], request.ReportDirectory), ct);
        await progress.ReportedAsync(report);
        return new MainJobOutcome(runId, status, bindings, planId, report.Files, regressions);
    }

    private async Task<(long RunId, RunStatus Status, int Bindings, string? PlanId, IReadOnlyList<Regression> Regressions)> CollectAssessPlanAsync(MainJobRequest request, IMainJobProgress progress, CancellationToken ct)
    {
        var (assessed, snapshot) = await InventoryAndAssessAsync(progress, ct);
        string? planId = null;
        if (request.CreatePlan)
        {
            var planned = await planning.CreateAsync(assessed.Assessment, snapshot, ct);
            planId = planned.Plan.Id;
            await progress.PlannedAsync(planned);
        }
        // Progress of the migration scope (fixed by the first plan), from the latest complete run: regressions first.
        var stored = (await runs.ListRunsAsync(ct)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.IsBaseline)).ToList();
        var scopeProgress = await scope.ProgressAsync(stored, snapshot.RunId, assessed.Assessment, 1, ct);
        await progress.ScopeProgressAsync(scopeProgress);
        return (snapshot.RunId, snapshot.Status, assessed.Assessment.Bindings.Count, planId, scopeProgress?.Regressions ?? []);
    }

    private async Task<(AssessmentOutcome Assessed, InventorySnapshot ForPlanning)> InventoryAndAssessAsync(IMainJobProgress progress, CancellationToken ct)
    {
        await progress.InventoryStartingAsync(inventory.Accounts(InventorySelection.Everything));
        var collected = await inventory.RunAsync(InventorySelection.Everything, null, ct);
        await progress.InventoryDoneAsync(collected);

        var assessed = await assessment.AssessAsync(collected.Snapshot.RunId, ct);
        await progress.AssessedAsync(assessed);

        // Pods and workloads are the bulk of a snapshot and the assessment has taken what it needs from them; the planner
        // reads clusters, roles and ServiceAccounts (as 'plan create' does, SnapshotParts.WithoutPodsAndWorkloads).
        return (assessed, collected.Snapshot with { Pods = [], Workloads = [] });
    }
}
