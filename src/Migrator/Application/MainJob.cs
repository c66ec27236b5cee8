using Microsoft.Extensions.Options;
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
public sealed class MainJob(InventoryStage inventory, AssessmentStage assessment, PlanningStage planning, ReportStage reports, IInventoryStore runs, ScopeTracker scope,
    IOptions<ReportSettings> reportSettings) : IMainJob
{
    public async Task<MainJobOutcome> RunAsync(MainJobRequest request, IMainJobProgress progress, CancellationToken ct)
    {
        // Only the run id crosses into the later stages: what the inventory kept (ServiceAccounts, roles) is let go here.
        var runId = await InventoryAsync(progress, ct);
        // Here, not inside InventoryAsync: its outcome holds the collected snapshot until it returns.
        await StageBoundary.ReleaseMemoryAsync();
        return await ContinueAsync(runId, request, progress, ct);
    }

    private async Task<long> InventoryAsync(IMainJobProgress progress, CancellationToken ct)
    {
        await progress.InventoryStartingAsync(inventory.Accounts(InventorySelection.Everything));
        var collected = await inventory.RunAsync(InventorySelection.Everything, progress.Inventory, ct);
        await progress.InventoryDoneAsync(collected);
        return collected.RunId;
    }

    public async Task<MainJobOutcome> ContinueAsync(long runId, MainJobRequest request, IMainJobProgress progress, CancellationToken ct)
    {
        // Each stage reads what it needs from storage and lets it go before the next: the inventory was stored cluster by
        // cluster, and the report reads back only what it shows.
        var (status, bindings, planId, scopeProgress) = await AssessPlanAsync(runId, request, progress, ct);
        var files = await ReportAsync(runId, request, scopeProgress, progress, ct);
        // The worker idles until its next run: it should not hold the report's model meanwhile (gone with ReportAsync).
        await StageBoundary.ReleaseMemoryAsync();
        return new MainJobOutcome(runId, status, bindings, planId, files, scopeProgress?.Regressions ?? []);
    }

    /// <summary>Writes the report, which shows the scope's progress as the progress stage found it; only its files outlive this call.</summary>
    private async Task<IReadOnlyList<string>> ReportAsync(long runId, MainJobRequest request, ScopeProgress? scopeProgress, IMainJobProgress progress, CancellationToken ct)
    {
        var report = await reports.GenerateAsync(new ReportRequest(runId, request.ReportFormats ?? [], request.ReportDirectory) { ScopeProgress = scopeProgress }, ct);
        await progress.ReportedAsync(report);
        return report.Files;
    }

    /// <returns>The run's status and bindings, the plan made, and the scope's progress summarized (<see cref="ScopeProgress.Summarized"/>) for the report.</returns>
    private async Task<(RunStatus Status, int Bindings, string? PlanId, ScopeProgress? Progress)> AssessPlanAsync(long runId, MainJobRequest request, IMainJobProgress progress, CancellationToken ct)
    {
        // Each cluster's verdicts are saved as they are made; planning and progress read back what they need.
        var assessed = await assessment.AssessAndSaveAsync(runId, ct);
        await StageBoundary.ReleaseMemoryAsync();
        await progress.AssessedAsync(assessed);
        var planId = request.CreatePlan ? await PlanAsync(runId, progress, ct) : null;
        // Progress of the migration scope (fixed by the first plan), from the latest complete run: regressions first.
        var stored = (await runs.ListRunsAsync(ct)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.IsBaseline)).ToList();
        // With the report's trend window: the report shows this progress instead of working it out again.
        var scopeProgress = await scope.ProgressAsync(stored, runId, null, reportSettings.Value.TrendRuns, ct);
        await progress.ScopeProgressAsync(scopeProgress);
        var summary = scopeProgress?.Summarized();
        scopeProgress = null;
        await StageBoundary.ReleaseMemoryAsync();
        return (assessed.InventoryStatus, assessed.Bindings, planId, summary);
    }

    /// <summary>Plans the run from its stored assessment; only the plan's id outlives this call.</summary>
    private async Task<string> PlanAsync(long runId, IMainJobProgress progress, CancellationToken ct)
    {
        var planned = await planning.CreateAsync(runId, ct);
        await StageBoundary.ReleaseMemoryAsync();
        await progress.PlannedAsync(planned);
        return planned.PlanId;
    }
}
