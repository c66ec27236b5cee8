using System.Text.Json;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Assessment;

/// <summary>migrator assess: assesses an inventory run, saves the assessment and prints a summary.</summary>
public sealed class AssessVerb : IVerb
{
    public string Name => "assess";
    public string Summary => "assess every IRSA binding of an inventory run (Ready, Coordinate, KeepIrsa, Broken, Unused, Migrated) and save it";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.RunId("--run", "ID", "inventory run to assess (default: the latest)"),
        OptionSpec.Value("--output", "FORMAT", "text (default), json or csv"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var runId = context.Args.LongNumber("--run");
        var output = context.Args.Choice("--output", "text", "text", "json", "csv");
        var outcome = await StateFile.Use(() => context.Get<AssessmentStage>().AssessAsync(runId, ct));
        var result = outcome.Assessment;
        if (outcome.InventoryStatus != Core.Inventory.RunStatus.Complete)
            await context.Error.WriteLineAsync($"warning: inventory run {outcome.RunId} is {outcome.InventoryStatus}; verdicts on partially collected clusters carry info.cluster-partial.");
        switch (output)
        {
            case "json":
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(result, AssessmentOutput.Json));
                break;
            case "csv":
                AssessmentOutput.WriteCsv(context.Out, result);
                break;
            default:
                AssessmentOutput.WriteSummary(context.Out, result);
                break;
        }
        return ExitCodes.Ok;
    }
}
