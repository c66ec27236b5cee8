using Migrator.Cli;
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
        if (from is null || to is null)
        {
            var runs = await StateFile.Use(() => store.ListRunsAsync(ct));
            to ??= runs.Count > 0 ? runs[0].RunId : null;
            from ??= runs.Select(r => (long?)r.RunId).FirstOrDefault(r => r < to);
            if (from is null || to is null)
                throw new InvalidInputException($"runs diff needs two stored runs; {runs.Count} stored. Run 'migrator inventory' again, or name two runs.");
        }
        var previous = await Load(store, from.Value, ct);
        var current = await Load(store, to.Value, ct);
        var drift = InventoryDrift.Compare(previous, current);
        if (output == "json")
            InventoryJson.Write(context.Out, drift);
        else
            DriftText.Write(context.Out, drift);
        return ExitCodes.Ok;
    }

    private static async Task<InventorySnapshot> Load(IInventoryStore store, long id, CancellationToken ct) =>
        await StateFile.Use(() => store.LoadSnapshotAsync(id, ct))
            ?? throw new InvalidInputException($"run {id} is not stored: 'migrator runs list' shows the stored runs.");
}
