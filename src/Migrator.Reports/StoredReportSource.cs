using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Reports;

/// <summary>
/// <see cref="IReportSource"/> over the stores: runs and snapshots from <see cref="IInventoryStore"/> (inventory),
/// assessments from <see cref="IAssessmentStore"/> (assess; null when this build registers none), plan progress from
/// a <see cref="PlanProgressReader"/> (execute's plan store + journal, mapped by <see cref="PlanProgressProjection"/>;
/// null when none is registered, and the report then says no plan was recorded).
/// </summary>
public sealed class StoredReportSource(IInventoryStore inventory, IAssessmentStore? assessments = null, PlanProgressReader? plans = null) : IReportSource
{
    public async Task<IReadOnlyList<ReportRunRef>> ListRunsAsync(CancellationToken ct) =>
        (await inventory.ListRunsAsync(ct)).OrderBy(r => r.RunId).Select(r => new ReportRunRef(r.RunId, r.StartedAt, r.Status)).ToList();

    public Task<InventorySnapshot?> LoadSnapshotAsync(long runId, CancellationToken ct) => inventory.LoadSnapshotAsync(runId, ct);

    public async Task<AssessmentResult?> LoadAssessmentAsync(long runId, CancellationToken ct)
    {
        if (assessments is null) return null;
        var result = await assessments.LoadAsync(runId, ct);
        return result?.RunId == runId ? result : null;
    }

    public Task<PlanProgressView?> LoadPlanProgressAsync(long runId, CancellationToken ct) =>
        plans is null ? Task.FromResult<PlanProgressView?>(null) : plans(runId, ct);
}

/// <summary>Reads the progress of the plan made from a run (or the latest plan), null when there is none.</summary>
public delegate Task<PlanProgressView?> PlanProgressReader(long runId, CancellationToken ct);
