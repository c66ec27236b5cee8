using System.Text.Json;
using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Ports;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Assessment;

/// <summary>migrator assess: assesses an inventory run, saves the assessment and prints a summary.</summary>
public sealed class AssessVerb : IVerb
{
    public string Name => "assess";
    public string Summary => "assess every IRSA binding of an inventory run (Ready, Coordinate, KeepIrsa, Broken, Unused, Migrated) and save it";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--run", "ID", "inventory run to assess (default: the latest)"),
        OptionSpec.Value("--output", "FORMAT", "text (default), json or csv"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var runId = context.Args.LongNumber("--run");
        var output = context.Args.Choice("--output", "text", "text", "json", "csv");
        var snapshot = await StateFile.Use(() => context.Get<IInventoryStore>().LoadSnapshotAsync(runId, ct))
            ?? throw new InvalidInputException(runId is null
                ? "no inventory run is stored yet: run 'migrator inventory' first."
                : $"inventory run {runId} does not exist: list runs with 'migrator runs list' or omit --run for the latest.");
        var settings = context.Get<IOptions<AssessmentSettings>>().Value;
        var result = Assessor.Assess(snapshot, settings, context.Get<TimeProvider>().GetUtcNow());
        await StateFile.Use(async () =>
        {
            await context.Get<IAssessmentStore>().SaveAsync(result, ct);
            return result.RunId;
        });

        if (snapshot.Status != Core.Inventory.RunStatus.Complete)
            await context.Error.WriteLineAsync($"warning: inventory run {snapshot.RunId} is {snapshot.Status}; verdicts on partially collected clusters carry info.cluster-partial.");
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
