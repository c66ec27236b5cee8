using System.Text.Json;
using Migrator.Cli;
using Migrator.Core.Progress;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Core.Ports;

namespace Migrator.Verbs.Inventory;

/// <summary>
/// migrator runs diff [FROM] [TO]: what changed between two runs (default: the previous run and the latest). Changes
/// the Migrator's journal records between the two runs are marked as made by migrator, as the report marks them.
/// </summary>
public sealed class RunsDiffVerb : IVerb
{
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public string Name => "runs diff";
    public string Summary => "drift between two inventory runs (default: previous vs latest)";
    public int MaxPositionals => 2;
    public string PositionalHelp => "[FROM] [TO]";
    public IReadOnlyList<VerbOption> Options => [Output];
    public Type Handler => typeof(RunsDiffHandler);

    public sealed class RunsDiffHandler(IInventoryStore store, IReportSource journal, ScopeTracker scope, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            var from = RunIds.At(args, 0);
            var to = RunIds.At(args, 1);
            var runs = await StateFile.Use(() => store.ListRunsAsync(ct));
            if (from is null || to is null)
            {
                // Like with like: the run before TO collected with the same --accounts/--clusters filter.
                to ??= runs.Count > 0 ? runs[0].RunId : null;
                var filter = runs.FirstOrDefault(r => r.RunId == to)?.Filter;
                from ??= runs.Where(r => r.Filter == filter).Select(r => (long?)r.RunId).FirstOrDefault(r => r < to);
                if (from is null || to is null)
                    throw new InvalidInputException($"runs diff needs two stored runs of the same scope{(filter is null ? "" : $" ({filter})")}; {runs.Count} stored. Run 'migrator inventory' again, or name two runs.");
            }
            var fromFilter = runs.FirstOrDefault(r => r.RunId == from)?.Filter;
            var toFilter = runs.FirstOrDefault(r => r.RunId == to)?.Filter;
            if (fromFilter != toFilter)
                throw new InvalidInputException($"run {from} covers {fromFilter ?? "the whole estate"} and run {to} {toFilter ?? "the whole estate"}: their difference would report what the filter left out as removed or added. Compare two runs of the same scope ('migrator runs list' shows each run's filter).");
            var previous = await Load(from.Value, ct);
            var current = await Load(to.Value, ct);
            // What the Migrator itself changed between the two runs, from its journal (the report does the same).
            var (early, late) = previous.StartedAt <= current.StartedAt ? (previous, current) : (current, previous);
            var toolChanges = await StateFile.Use(() => journal.LoadToolChangesAsync(early.StartedAt, late.StartedAt, ct));
            var drift = InventoryDrift.Compare(previous, current, toolChanges);
            var regressions = await RegressionsAsync(runs, to.Value, ct);
            if (output == "json")
            {
                var json = JsonSerializer.SerializeToNode(drift, InventoryJson.Options)!.AsObject();
                json["podIdentityRegressions"] = JsonSerializer.SerializeToNode(regressions.Select(r => new
                {
                    Identity = r.Key.Display, r.Key, r.RoleArn, r.Codes, r.Why, r.Fix, r.LastOnRunId, r.SinceRunId, r.Since,
                    NewSinceFrom = r.SinceRunId > from.Value,
                }).ToList(), InventoryJson.Options);
                await console.Out.WriteLineAsync(json.ToJsonString(InventoryJson.Options));
            }
            else
            {
                DriftText.Write(console.Out, drift);
                DriftText.WriteRegressions(console.Out, to.Value, from.Value, regressions);
            }
            return ExitCodes.Ok;
        }

        /// <summary>Identities of the migration scope off Pod Identity at run TO after an earlier run found them on it; none without a scope or an assessment.</summary>
        private async Task<IReadOnlyList<Regression>> RegressionsAsync(IReadOnlyList<RunSummary> stored, long to, CancellationToken ct)
        {
            var runs = stored.Select(r => new ScopeRun(r.RunId, r.StartedAt, r.IsBaseline)).ToList();
            var progress = await StateFile.Use(() => scope.ProgressAsync(runs, to, null, 1, ct));
            return progress?.Regressions ?? [];
        }

        private async Task<InventorySnapshot> Load(long id, CancellationToken ct) =>
            await StateFile.Use(() => store.LoadSnapshotAsync(id, ct))
                ?? throw new InvalidInputException($"run {id} is not stored: 'migrator runs list' shows the stored runs.");
    }
}
