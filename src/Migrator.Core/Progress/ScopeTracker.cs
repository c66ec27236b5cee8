using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Progress;

/// <summary>
/// Reads what progress needs from the stores and computes it: the scope, the basis run's verdicts (the latest complete
/// run at or before the run asked about; the whole assessment only when a regression quotes its reasons), who was on Pod Identity before (counted in SQL, not by loading
/// earlier assessments) and the trend. Shared by the report, `run`, the worker, `runs diff` and `scope show`.
/// </summary>
/// <remarks>With the plan store and the journal, the revert guard (<see cref="OwnerReverts"/>) names owners and finds reverted cleanups.</remarks>
public sealed class ScopeTracker(IScopeStore scopes, IAssessmentStore assessments, IPlanStore? plans = null, Execution.IExecutionJournal? journal = null)
{
    /// <summary>Progress as of <paramref name="runId"/>; null when no scope exists yet (or the run predates it, or nothing was assessed).</summary>
    /// <param name="runs">Every stored run, any order.</param>
    /// <param name="runId">The run asked about.</param>
    /// <param name="assessmentOfRun">The run's assessment when the caller holds it (saves a read).</param>
    /// <param name="trendRuns">How many runs the trend shows, this one included.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ScopeProgress?> ProgressAsync(IReadOnlyList<ScopeRun> runs, long runId, AssessmentResult? assessmentOfRun, int trendRuns, CancellationToken ct)
    {
        var scope = await scopes.LoadAsync(ct);
        if (scope is null || runId < scope.FixedFromRunId) return null;
        var ordered = runs.Where(r => r.RunId >= scope.FixedFromRunId && r.RunId <= runId).OrderBy(r => r.RunId).ToList();
        var complete = ordered.Where(r => r.Complete).ToList();
        var basisRun = complete.Count > 0 ? complete[^1] : ordered.LastOrDefault(r => r.RunId == runId);
        if (basisRun is null) return null;
        // Progress needs each binding's verdict (category, lifecycle, reason codes), not its reasons' evidence and
        // suggested actions: those are read only when a regression quotes them.
        var held = assessmentOfRun?.RunId == basisRun.RunId;
        var basis = held ? assessmentOfRun : await assessments.LoadVerdictsAsync(basisRun.RunId, ct);
        if (basis is null || basis.RunId != basisRun.RunId) return null;

        // Independent reads of the state file (a connection each): side by side. Task.Run, because SQLite's "async" reads
        // complete synchronously.
        var earlier = complete.Where(r => r.RunId < basis.RunId).TakeLast(Math.Max(0, trendRuns - 1)).ToList();
        var historyTask = Task.Run(() => scopes.LastOnPodIdentityAsync(scope.FixedFromRunId, basis.RunId, ct), ct);
        var countsTask = Task.Run(() => scopes.CountAsync(earlier.Select(r => r.RunId).ToList(), ct), ct);
        await Task.WhenAll(historyTask, countsTask);
        var history = await historyTask;
        var starts = runs.ToDictionary(r => r.RunId, r => r.StartedAt);
        var offNow = basis.Bindings.Where(b => !b.OnPodIdentity && history.ContainsKey(b.Key)).ToDictionary(b => b.Key, b => history[b.Key].LastOnRunId);
        var firstOff = offNow.Count == 0 ? new Dictionary<BindingKey, long>() : await scopes.FirstOffPodIdentityAsync(offNow, basis.RunId, ct);
        var progress = ScopeProgressCalculator.Compute(scope, runId, basis, basisRun.StartedAt, history, firstOff, starts);
        if (progress.Regressions.Count > 0 && basis.Parts != AssessmentParts.All && await assessments.LoadAsync(basisRun.RunId, ct) is { } whole && whole.RunId == basisRun.RunId)
        {
            // A regression says why and how to fix it from the reasons' evidence and suggested actions: the whole assessment.
            basis = whole;
            progress = ScopeProgressCalculator.Compute(scope, runId, basis, basisRun.StartedAt, history, firstOff, starts);
        }
        if (plans is not null && journal is not null)
        {
            // The plan that fixed the scope and the newest one (a later plan may have moved the rest), each read once and
            // only when its journal or a regression gives the guard something to do; then only the plan's bindings are read
            // (its steps, most of a 20,000-binding plan, are not).
            var listed = await plans.ListAsync(ct);
            var newest = listed.Count > 0 ? listed[0].PlanId : null;
            foreach (var planId in new[] { scope.FixedByPlanId, newest }.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                var entries = await journal.LoadAsync(planId, ct);
                if (OwnerReverts.Matters(progress, entries) && await plans.LoadPlannedBindingsAsync(planId, ct) is { } planned)
                    progress = OwnerReverts.Apply(progress, planned, entries, basis);
            }
        }

        var counts = (await countsTask).ToDictionary(c => c.RunId);
        var trend = earlier.Where(r => counts.ContainsKey(r.RunId))
            .Select(r => new ScopeTrendPoint(r.RunId, r.StartedAt, scope.CountedIn(r.RunId).Count, counts[r.RunId].OnPodIdentity))
            .Append(new ScopeTrendPoint(basis.RunId, basisRun.StartedAt, progress.Scope, progress.OnPodIdentity))
            .ToList();
        return progress with { Trend = trend, BasisComplete = basisRun.Complete };
    }
}
