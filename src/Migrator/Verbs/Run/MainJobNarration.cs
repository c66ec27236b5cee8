using Migrator.Application;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Reports;

namespace Migrator.Verbs.Run;

/// <summary>The main job told as it goes, one line per stage: the console of `run` and `worker --once`, or the worker's log.</summary>
public sealed class MainJobNarration(TextWriter writer) : IMainJobProgress
{
    public Task InventoryStartingAsync(IReadOnlyList<AccountScope> accounts) =>
        writer.WriteLineAsync($"inventory: {accounts.Count} account(s), {accounts.Sum(s => s.Regions.Count)} account-region(s)...");

    /// <summary>A line when the inventory enters a phase, and for the CloudTrail sweeps each quarter of them done.</summary>
    public IProgress<Core.Inventory.Collection.InventoryProgress> Inventory { get; } = new PhaseLines(writer);

    public Task InventoryDoneAsync(InventoryOutcome outcome)
    {
        var s = outcome.Summary;
        return writer.WriteLineAsync(
            $"inventory: run {outcome.RunId} {s.Status.ToString().ToLowerInvariant()} in {Core.Text.DurationText.Format(TimeSpan.FromMilliseconds(Math.Round(outcome.Elapsed.TotalMilliseconds)))}: " +
            $"{s.Clusters} clusters, {s.Bindings} IRSA bindings, {s.Pods} pods, " +
            $"{s.Roles} roles, {s.Associations} associations, {s.Errors} errors"
            + (outcome.Snapshot.Notes.Count == 0 ? "" : $", {outcome.Snapshot.Notes.Count} notes ('migrator runs show {outcome.RunId}')"));
    }

    public Task AssessedAsync(AssessmentOutcome outcome) =>
        writer.WriteLineAsync($"assessment: {outcome.Bindings} bindings: {string.Join(", ", outcome.ByCategory.Select(c => $"{c.Category} {c.Count}"))}");

    public Task PlannedAsync(PlanOutcome outcome) =>
        writer.WriteLineAsync($"plan: {outcome.PlanId}: {outcome.PhaseCount} phases, {outcome.Excluded} bindings excluded (plan mode: nothing changed; review with 'migrator plan show', approve with 'migrator plan approve').");

    public async Task ScopeProgressAsync(ScopeProgress? progress)
    {
        if (progress is null)
            return;
        foreach (var r in progress.Regressions)
            await writer.WriteLineAsync($"REGRESSION: {r.Key.Display} was on Pod Identity in run {r.LastOnRunId}, is not since run {r.SinceRunId}: {string.Join(", ", r.Codes)}: {r.Why}");
        await writer.WriteLineAsync($"progress: {progress.OnPodIdentity} of {progress.Scope} identities in the migration scope ({progress.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}%) on Pod Identity"
            + $" (run {progress.BasisRunId}): {progress.Regressed} regressed, {progress.AwaitingRestart} awaiting pod recreation, {progress.NotYet} not moved yet, {progress.Gone} gone");
    }

    public async Task ReportedAsync(ReportOutcome outcome)
    {
        foreach (var file in outcome.Files)
            await writer.WriteLineAsync($"report: wrote {file}");
    }

    private sealed class PhaseLines(TextWriter writer) : IProgress<Core.Inventory.Collection.InventoryProgress>
    {
        private readonly Lock _lock = new();
        private (string Phase, int Quarter)? _last;

        public void Report(Core.Inventory.Collection.InventoryProgress value)
        {
            var quarter = value.ClustersTotal == 0 ? 0 : value.ClustersDone * 4 / value.ClustersTotal;
            lock (_lock)
            {
                if (_last is { } last && last.Phase == value.Phase && (value.Unit != "sweeps" || last.Quarter == quarter))
                    return;
                _last = (value.Phase, quarter);
                writer.WriteLine(value.ClustersTotal == 0
                    ? $"inventory: {value.Phase}, API calls {value.ApiCalls}"
                    : $"inventory: {value.Phase}: {value.Unit} {value.ClustersDone}/{value.ClustersTotal}, API calls {value.ApiCalls}");
            }
        }
    }
}
