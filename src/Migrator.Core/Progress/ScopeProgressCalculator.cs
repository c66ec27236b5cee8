using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Progress;

/// <summary>Where each identity of the scope stands in one run, and which ones regressed, from a held assessment. Pure.</summary>
public static class ScopeProgressCalculator
{
    /// <param name="scope">The migration scope.</param>
    /// <param name="runId">The run asked about.</param>
    /// <param name="basis">The assessment progress is counted from (the latest complete run at or before <paramref name="runId"/>).</param>
    /// <param name="basisAt">When the basis run started.</param>
    /// <param name="history">Per identity: the last earlier run (since the scope was fixed) that found it on Pod Identity.</param>
    /// <param name="firstOff">Per regressed identity: the first run after that which found it off Pod Identity.</param>
    /// <param name="runStarts">When each run started.</param>
    public static ScopeProgress Compute(
        MigrationScope scope,
        long runId,
        AssessmentResult basis,
        DateTimeOffset basisAt,
        IReadOnlyDictionary<BindingKey, PodIdentityHistory> history,
        IReadOnlyDictionary<BindingKey, long> firstOff,
        IReadOnlyDictionary<long, DateTimeOffset> runStarts)
    {
        var builder = new ScopeProgressBuilder(scope, runId, basis.RunId, basisAt, history);
        foreach (var b in basis.Bindings)
            builder.Add(b);
        return builder.Build(firstOff, runStarts);
    }
}
