using System.Text.Json;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Assessment;

/// <summary>migrator assess: assesses an inventory run, saves the assessment and prints a summary.</summary>
public sealed class AssessVerb : IVerb
{
    public static readonly VerbOption<long?> Run = VerbOption.RunId("--run", "ID", "inventory run to assess (default: the latest)");
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default), json or csv", "text", "text", "json", "csv");

    public string Name => "assess";
    public string Summary => "assess every IRSA binding of an inventory run (Ready, Coordinate, KeepIrsa, Broken, Unused, Migrated) and save it";
    public IReadOnlyList<VerbOption> Options => [Run, Output];
    public Type Handler => typeof(AssessHandler);

    public sealed class AssessHandler(AssessmentStage assessment, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var runId = args.Get(Run);
            var output = args.Get(Output);
            var outcome = await StateFile.Use(() => assessment.AssessAsync(runId, ct));
            var result = outcome.Assessment;
            if (outcome.InventoryStatus != Core.Inventory.RunStatus.Complete)
                await console.Error.WriteLineAsync($"warning: inventory run {outcome.RunId} is {outcome.InventoryStatus}; verdicts on partially collected clusters carry info.cluster-partial.");
            switch (output)
            {
                case "json":
                    await console.Out.WriteLineAsync(JsonSerializer.Serialize(result, AssessmentOutput.Json));
                    break;
                case "csv":
                    AssessmentOutput.WriteCsv(console.Out, result);
                    break;
                default:
                    AssessmentOutput.WriteSummary(console.Out, result);
                    break;
            }
            return ExitCodes.Ok;
        }
    }
}
