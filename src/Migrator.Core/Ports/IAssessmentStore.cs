using Migrator.Core.Assessment;

namespace Migrator.Core.Ports;

/// <summary>One stored assessment per inventory run (assessing a run again replaces its assessment).</summary>
public interface IAssessmentStore
{
    Task SaveAsync(AssessmentResult result, CancellationToken ct);

    /// <summary>Begins saving the assessment of <paramref name="runId"/> in parts (it replaces the run's earlier one at commit).</summary>
    Task<IAssessmentWriter> BeginAsync(long runId, DateTimeOffset assessedAt, CancellationToken ct);

    /// <summary>The assessment of a run, of the latest assessed run when <paramref name="runId"/> is null; null when none.</summary>
    Task<AssessmentResult?> LoadAsync(long? runId, CancellationToken ct);

    /// <summary>
    /// The assessment of a run (the latest assessed when <paramref name="runId"/> is null) with its reasons' codes, severities, summaries and score impacts but not their evidence
    /// and suggested actions (empty), which are most of its size: for readers of verdicts, such as the planner.
    /// </summary>
    Task<AssessmentResult?> LoadVerdictsAsync(long? runId, CancellationToken ct) => LoadAsync(runId, ct);

    /// <summary>The run a read of <paramref name="runId"/> gives the assessment of (the latest assessed when null); null when none.</summary>
    async Task<long?> AssessedRunAsync(long? runId, CancellationToken ct) => (await LoadVerdictsAsync(runId, ct))?.RunId;

    /// <summary>
    /// The verdicts of a run's assessment, as <see cref="LoadVerdictsAsync"/> reads them, one binding at a time in stored
    /// order: for readers that hold none of them (the planner's basis).
    /// </summary>
    IAsyncEnumerable<BindingAssessment> StreamVerdictsAsync(long runId, CancellationToken ct) => StreamAsync(runId, AssessmentParts.Verdicts, ct);

    /// <summary>
    /// The bindings of a run's assessment read with <paramref name="parts"/>, one at a time in stored order (none when the
    /// run is not assessed): for readers that keep a little of each (the scope's progress).
    /// </summary>
    async IAsyncEnumerable<BindingAssessment> StreamAsync(long runId, AssessmentParts parts, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (await LoadAsync(runId, parts, ct) is { } assessment && assessment.RunId == runId)
            foreach (var binding in assessment.Bindings)
                yield return binding;
    }

    /// <summary>
    /// The bindings of a run's assessment read with <paramref name="parts"/>, one at a time in
    /// <see cref="Inventory.BindingOrder"/> (none when the run is not assessed): for a report, which lists them in that order
    /// and holds none of them.
    /// </summary>
    async IAsyncEnumerable<BindingAssessment> StreamInKeyOrderAsync(long runId, AssessmentParts parts, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (await LoadAsync(runId, parts, ct) is { } assessment && assessment.RunId == runId)
            foreach (var binding in assessment.Bindings.OrderBy(b => b.Key, Inventory.BindingOrder.Instance))
                yield return binding;
    }

    /// <summary>The assessment of a run read with <paramref name="parts"/> of its reasons' evidence and suggested actions.</summary>
    Task<AssessmentResult?> LoadAsync(long? runId, AssessmentParts parts, CancellationToken ct) =>
        parts is AssessmentParts.Verdicts or AssessmentParts.Categories ? LoadVerdictsAsync(runId, ct) : LoadAsync(runId, ct);

    /// <summary>How many bindings of each category a run's assessment has (a report's trend); null when not assessed.</summary>
    Task<IReadOnlyDictionary<BindingCategory, int>?> LoadCategoryCountsAsync(long runId, CancellationToken ct);
}

/// <summary>What a read of a stored assessment takes of its reasons' evidence (most of its size) and suggested actions.</summary>
public enum AssessmentParts
{
    All,
    /// <summary>
    /// The evidence a report shows: of every reason of a broken binding (its failure mode), of owner reasons and of
    /// cleanup.* reasons; the other reasons' evidence is left out (empty). Suggested actions are all read. A regression
    /// quotes its reasons' evidence, so the scope's progress reads the whole assessment when it finds one.
    /// </summary>
    ForReport,
    /// <summary>Neither evidence nor suggested actions (<see cref="IAssessmentStore.LoadVerdictsAsync"/>).</summary>
    Verdicts,
    /// <summary>
    /// Each binding's key, role, category, score and lifecycle, without reasons, workloads or role findings: what a
    /// report compares of the previous run (categories for drift and the trend).
    /// </summary>
    Categories,
    /// <summary>The header and the role findings, no bindings: for a report, which streams the bindings.</summary>
    Findings,
}
