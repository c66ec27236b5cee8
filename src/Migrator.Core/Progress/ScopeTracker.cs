using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Progress;

/// <summary>
/// Reads what progress needs from the stores and computes it: the scope, the basis run's verdicts (the latest complete
/// run at or before the run asked about), one at a time into a <see cref="ScopeProgressBuilder"/> that keeps a little
/// of each scope identity, the whole assessment of regressed identities only (a regression quotes its reasons), who was
/// on Pod Identity before (counted in SQL, not by loading earlier assessments) and the trend. Shared by the report, `run`, the worker, `runs diff` and `scope show`.
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
        // Progress keeps each scope identity's verdict (category, lifecycle, the cleanup facts), not the assessment: the
        // verdicts are read one at a time, or taken from the run's assessment when the caller holds it.
        var held = assessmentOfRun?.RunId == basisRun.RunId ? assessmentOfRun : null;
        if (held is null && await assessments.AssessedRunAsync(basisRun.RunId, ct) != basisRun.RunId) return null;

        // Independent reads of the state file (a connection each): side by side. Task.Run, because SQLite's "async" reads
        // complete synchronously.
        var earlier = complete.Where(r => r.RunId < basisRun.RunId).TakeLast(Math.Max(0, trendRuns - 1)).ToList();
        var historyTask = Task.Run(() => scopes.LastOnPodIdentityAsync(scope.FixedFromRunId, basisRun.RunId, ct), ct);
        var countsTask = Task.Run(() => scopes.CountAsync(earlier.Select(r => r.RunId).ToList(), ct), ct);
        await Task.WhenAll(historyTask, countsTask);
        var builder = new ScopeProgressBuilder(scope, runId, basisRun.RunId, basisRun.StartedAt, await historyTask);
        if (held is not null)
        {
            foreach (var b in held.Bindings)
                builder.Add(b);
        }
        else
        {
            await foreach (var b in assessments.StreamVerdictsAsync(basisRun.RunId, ct))
                builder.Add(b);
        }
        // A regression says why and how to fix it from its reasons' evidence and suggested actions: the regressed
        // identities' whole assessments, picked from one more read of the run's bindings.
        if (builder.NeedsExplaining(held?.Parts ?? AssessmentParts.Verdicts))
        {
            await foreach (var b in assessments.StreamAsync(basisRun.RunId, AssessmentParts.All, ct))
                builder.Explain(b);
        }
        var regressed = builder.Regressed;
        var firstOff = regressed.Count == 0 ? new Dictionary<BindingKey, long>() : await scopes.FirstOffPodIdentityAsync(regressed, basisRun.RunId, ct);
        var progress = builder.Build(firstOff, runs.ToDictionary(r => r.RunId, r => r.StartedAt));
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
                    progress = OwnerReverts.Apply(progress, planned, entries);
            }
        }

        var counts = (await countsTask).ToDictionary(c => c.RunId);
        var trend = earlier.Where(r => counts.ContainsKey(r.RunId))
            .Select(r => new ScopeTrendPoint(r.RunId, r.StartedAt, scope.CountedIn(r.RunId).Count, counts[r.RunId].OnPodIdentity))
            .Append(new ScopeTrendPoint(basisRun.RunId, basisRun.StartedAt, progress.Scope, progress.OnPodIdentity))
            .ToList();
        return progress with { Trend = trend, BasisComplete = basisRun.Complete };
    }
}
