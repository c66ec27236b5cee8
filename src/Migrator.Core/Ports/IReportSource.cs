using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;

namespace Migrator.Core.Ports;

/// <summary>
/// What the report reads from storage: earlier stages' records only, never the cloud (CONVENTIONS "data makes one trip").
/// Implemented over the stores: runs and snapshots by the inventory store, assessments by the assessment store,
/// plan progress and the journal by the plan/journal stores.
/// </summary>
public interface IReportSource
{
    /// <summary>Every recorded inventory run, oldest first.</summary>
    Task<IReadOnlyList<ReportRunRef>> ListRunsAsync(CancellationToken ct);

    /// <summary>
    /// A run's snapshot without pods, workloads and ServiceAccount labels
    /// (<see cref="SnapshotParts.WithoutPodsWorkloadsAndLabels"/>): the report takes per-binding pod and workload figures
    /// from the assessment.
    /// </summary>
    Task<InventorySnapshot?> LoadSnapshotAsync(long runId, CancellationToken ct);

    /// <summary>
    /// As <see cref="LoadSnapshotAsync(long, CancellationToken)"/>, reading only <paramref name="parts"/> when the source
    /// can: the report reads each run's <see cref="SnapshotParts.Outline"/>, and drift what differs between two runs
    /// (<see cref="LoadServiceAccountChangesAsync"/>, <see cref="LoadTrustPolicyChangesAsync"/>).
    /// </summary>
    Task<InventorySnapshot?> LoadSnapshotAsync(long runId, SnapshotParts parts, CancellationToken ct) => LoadSnapshotAsync(runId, ct);

    /// <summary>
    /// The roles whose existence or trust policy text differs between two runs (<see cref="Inventory.Drift.TrustPolicyPair"/>),
    /// for a report's drift read without the runs' trust policies.
    /// </summary>
    async Task<IReadOnlyList<Inventory.Drift.TrustPolicyPair>> LoadTrustPolicyChangesAsync(long previousRunId, long currentRunId, CancellationToken ct) =>
        await LoadSnapshotAsync(previousRunId, ct) is { } previous && await LoadSnapshotAsync(currentRunId, ct) is { } current
            ? Inventory.Drift.TrustPolicyPair.Of(previous, current)
            : [];

    /// <summary>The IRSA bindings that differ between two runs (<see cref="Inventory.Drift.ServiceAccountChanges"/>), for a report's drift read without the runs' ServiceAccounts.</summary>
    async Task<Inventory.Drift.ServiceAccountChanges> LoadServiceAccountChangesAsync(long previousRunId, long currentRunId, CancellationToken ct) =>
        await LoadSnapshotAsync(previousRunId, ct) is { } previous && await LoadSnapshotAsync(currentRunId, ct) is { } current
            ? Inventory.Drift.ServiceAccountChanges.Of(previous, current)
            : new Inventory.Drift.ServiceAccountChanges([], []);

    /// <summary>The trust policy texts of these roles in a run, by ARN (the roles whose trust diffs a report shows).</summary>
    async Task<IReadOnlyDictionary<string, string>> LoadTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns, CancellationToken ct)
    {
        var wanted = roleArns.ToHashSet(StringComparer.Ordinal);
        var snapshot = await LoadSnapshotAsync(runId, ct);
        return (snapshot?.Roles ?? []).Where(r => r.TrustPolicy is not null && wanted.Contains(r.Arn))
            .DistinctBy(r => r.Arn).ToDictionary(r => r.Arn, r => r.TrustPolicy!, StringComparer.Ordinal);
    }

    /// <summary>The assessment of a run, or null when the run was never assessed.</summary>
    Task<AssessmentResult?> LoadAssessmentAsync(long runId, CancellationToken ct);

    /// <summary>
    /// As <see cref="LoadAssessmentAsync(long, CancellationToken)"/>, reading <paramref name="parts"/> of the evidence when
    /// the source can: the report reads what it shows (<see cref="AssessmentParts.ForReport"/>), and the previous run's
    /// categories only (<see cref="AssessmentParts.Categories"/>: drift and the trend compare categories).
    /// </summary>
    Task<AssessmentResult?> LoadAssessmentAsync(long runId, AssessmentParts parts, CancellationToken ct) => LoadAssessmentAsync(runId, ct);

    /// <summary>
    /// The bindings of a run's assessment read with <paramref name="parts"/>, one at a time in
    /// <see cref="Inventory.BindingOrder"/>: a report streams them through its tally and reads them again for the lists
    /// its JSON and CSV write in full, holding none of them.
    /// </summary>
    async IAsyncEnumerable<BindingAssessment> StreamBindingsAsync(long runId, AssessmentParts parts, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (await LoadAssessmentAsync(runId, parts, ct) is { } assessment)
            foreach (var binding in assessment.Bindings.OrderBy(b => b.Key, Inventory.BindingOrder.Instance))
                yield return binding;
    }

    /// <summary>Bindings per category of a run's assessment (the trend reads only these); null when the run was never assessed.</summary>
    async Task<IReadOnlyDictionary<BindingCategory, int>?> LoadCategoryCountsAsync(long runId, CancellationToken ct) =>
        (await LoadAssessmentAsync(runId, ct))?.Bindings.GroupBy(b => b.Category).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Progress of the migration plan made from this run (or the latest plan), null when none exists yet.</summary>
    Task<PlanProgressView?> LoadPlanProgressAsync(long runId, CancellationToken ct);

    /// <summary>
    /// Progress of the migration scope as of a run (<see cref="Progress.ScopeTracker"/>); null when no scope exists yet.
    /// <paramref name="assessment"/> is the run's assessment when the caller holds it; null: the tracker streams its verdicts.
    /// </summary>
    Task<Progress.ScopeProgress?> LoadScopeProgressAsync(long runId, AssessmentResult? assessment, int trendRuns, CancellationToken ct) =>
        Task.FromResult<Progress.ScopeProgress?>(null);

    /// <summary>What the tool itself changed in a time window (from its journal), so drift can tell it apart.</summary>
    Task<ToolChanges> LoadToolChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult(ToolChanges.None);
}

/// <summary>A stored run as the report sees it; <paramref name="Filter"/> is its --accounts/--clusters filter (null: the whole estate).</summary>
public sealed record ReportRunRef(long RunId, DateTimeOffset StartedAt, RunStatus Status, string? Filter = null);
