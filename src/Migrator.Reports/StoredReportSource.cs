using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Core.Ports;

namespace Migrator.Reports;

/// <summary>
/// <see cref="IReportSource"/> over the stores: runs and snapshots from <see cref="IInventoryStore"/> (inventory),
/// assessments from <see cref="IAssessmentStore"/> (assess), plans from <see cref="IPlanStore"/> and their journal from
/// <see cref="IExecutionJournal"/> (execute), mapped by <see cref="PlanProgressProjection"/>. A store this build does
/// not register reads as "nothing recorded".
/// </summary>
public sealed class StoredReportSource(IInventoryStore inventory, IAssessmentStore? assessments = null, IPlanStore? plans = null, IExecutionJournal? journal = null, Core.Progress.ScopeTracker? scope = null) : IReportSource
{
    public async Task<IReadOnlyList<ReportRunRef>> ListRunsAsync(CancellationToken ct) =>
        (await inventory.ListRunsAsync(ct)).OrderBy(r => r.RunId).Select(r => new ReportRunRef(r.RunId, r.StartedAt, r.Status, r.Filter)).ToList();

    public Task<InventorySnapshot?> LoadSnapshotAsync(long runId, CancellationToken ct) => inventory.LoadSnapshotAsync(runId, SnapshotParts.WithoutPodsWorkloadsAndLabels, ct);

    public Task<InventorySnapshot?> LoadSnapshotAsync(long runId, SnapshotParts parts, CancellationToken ct) =>
        inventory.LoadSnapshotAsync(runId, parts < SnapshotParts.WithoutPodsWorkloadsAndLabels ? SnapshotParts.WithoutPodsWorkloadsAndLabels : parts, ct);

    public Task<IReadOnlyList<Core.Inventory.Drift.TrustPolicyPair>> LoadTrustPolicyChangesAsync(long previousRunId, long currentRunId, CancellationToken ct) =>
        inventory.LoadTrustPolicyChangesAsync(previousRunId, currentRunId, ct);

    public Task<Core.Inventory.Drift.ServiceAccountChanges> LoadServiceAccountChangesAsync(long previousRunId, long currentRunId, CancellationToken ct) =>
        inventory.LoadServiceAccountChangesAsync(previousRunId, currentRunId, ct);

    public Task<IReadOnlyDictionary<string, string>> LoadTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns, CancellationToken ct) =>
        inventory.LoadTrustPoliciesAsync(runId, roleArns, ct);

    public Task<AssessmentResult?> LoadAssessmentAsync(long runId, CancellationToken ct) => LoadAssessmentAsync(runId, AssessmentParts.All, ct);

    public async Task<AssessmentResult?> LoadAssessmentAsync(long runId, AssessmentParts parts, CancellationToken ct)
    {
        if (assessments is null) return null;
        var result = await assessments.LoadAsync(runId, parts, ct);
        return result?.RunId == runId ? result : null;
    }

    public IAsyncEnumerable<BindingAssessment> StreamBindingsAsync(long runId, AssessmentParts parts, CancellationToken ct) =>
        assessments is null ? AsyncEnumerable.Empty<BindingAssessment>() : assessments.StreamInKeyOrderAsync(runId, parts, ct);

    public async Task<IReadOnlyDictionary<BindingCategory, int>?> LoadCategoryCountsAsync(long runId, CancellationToken ct) =>
        assessments is null ? null : await assessments.LoadCategoryCountsAsync(runId, ct);

    /// <summary>The newest plan made from this run or an earlier one: the plan in force when the run was taken.</summary>
    public async Task<PlanProgressView?> LoadPlanProgressAsync(long runId, CancellationToken ct)
    {
        if (plans is null) return null;
        var summary = (await plans.ListAsync(ct)).Where(p => p.RunId <= runId).OrderBy(p => p.CreatedAt).LastOrDefault();
        if (summary is null) return null;
        var plan = await plans.LoadPhasesAsync(summary.PlanId, ct);
        if (plan is null) return null;
        var entries = journal is null ? [] : await journal.LoadAsync(plan.PlanId, ct);
        return PlanProgressProjection.From(plan, entries);
    }

    public async Task<Core.Progress.ScopeProgress?> LoadScopeProgressAsync(long runId, AssessmentResult? assessment, int trendRuns, CancellationToken ct)
    {
        if (scope is null) return null;
        var runs = (await inventory.ListRunsAsync(ct)).Select(r => new Core.Progress.ScopeRun(r.RunId, r.StartedAt, r.IsBaseline)).ToList();
        return await scope.ProgressAsync(runs, runId, assessment, trendRuns, ct);
    }

    public async Task<ToolChanges> LoadToolChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (plans is null || journal is null) return ToolChanges.None;
        var entries = new List<JournalEntry>();
        foreach (var p in await plans.ListAsync(ct))
            entries.AddRange(await journal.LoadAsync(p.PlanId, ct));
        return PlanProgressProjection.ToolChangesBetween(entries, from, to);
    }
}
