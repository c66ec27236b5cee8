using System.Text.Json;
using Migrator.Cli;
using Migrator.Core.Progress;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Core.Ports;

namespace Migrator.Verbs.Inventory;

/// <summary>migrator runs diff [FROM] [TO]: what changed between two runs (default: the previous run and the latest).</summary>
public sealed class RunsDiffVerb : IVerb
{
    public string Name => "runs diff";
    public string Summary => "drift between two inventory runs (default: previous vs latest)";
    public int MaxPositionals => 2;
    public string PositionalHelp => "[FROM] [TO]";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("--output", "FORMAT", "text (default) or json")];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var output = context.Args.Choice("--output", "text", "text", "json");
        var store = context.Get<IInventoryStore>();
        var from = RunIds.At(context, 0);
        var to = RunIds.At(context, 1);
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
        var previous = await Load(store, from.Value, ct);
        var current = await Load(store, to.Value, ct);
        var drift = InventoryDrift.Compare(previous, current);
        var regressions = await RegressionsAsync(context, store, to.Value, ct);
        if (output == "json")
        {
            var json = JsonSerializer.SerializeToNode(drift, InventoryJson.Options)!.AsObject();
            json["podIdentityRegressions"] = JsonSerializer.SerializeToNode(regressions.Select(r => new
            {
                Identity = r.Key.Display, r.Key, r.RoleArn, r.Codes, r.Why, r.Fix, r.LastOnRunId, r.SinceRunId, r.Since,
                NewSinceFrom = r.SinceRunId > from.Value,
            }).ToList(), InventoryJson.Options);
            context.Out.WriteLine(json.ToJsonString(InventoryJson.Options));
        }
        else
        {
            DriftText.Write(context.Out, drift);
            DriftText.WriteRegressions(context.Out, to.Value, from.Value, regressions);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Identities of the migration scope off Pod Identity at run TO after an earlier run found them on it; none without a scope or an assessment.</summary>
    private static async Task<IReadOnlyList<Regression>> RegressionsAsync(VerbContext context, IInventoryStore store, long to, CancellationToken ct)
    {
        var runs = (await StateFile.Use(() => store.ListRunsAsync(ct))).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.IsBaseline)).ToList();
        var progress = await StateFile.Use(() => context.Get<ScopeTracker>().ProgressAsync(runs, to, null, 1, ct));
        return progress?.Regressions ?? [];
    }

    private static async Task<InventorySnapshot> Load(IInventoryStore store, long id, CancellationToken ct) =>
        await StateFile.Use(() => store.LoadSnapshotAsync(id, ct))
            ?? throw new InvalidInputException($"run {id} is not stored: 'migrator runs list' shows the stored runs.");
}
