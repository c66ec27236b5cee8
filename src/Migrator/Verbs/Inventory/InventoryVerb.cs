using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Inventory;

namespace Migrator.Verbs.Inventory;

/// <summary>migrator inventory: one run over the configured accounts, stored as a new snapshot.</summary>
public sealed class InventoryVerb : IVerb
{
    public string Name => "inventory";
    public string Summary => "read every cluster, ServiceAccount, pod, association, role and OIDC provider into a new stored run";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Many("--accounts", "A,B", "only these configured account ids (default: all of Aws:Accounts)"),
        OptionSpec.Many("--clusters", "X,Y", "only these cluster names (or ACCOUNT/REGION/NAME)"),
        OptionSpec.Number("--parallel", "N", "clusters collected at once (default: Inventory:MaxParallelClusters, else 8)"),
        OptionSpec.Value("--output", "FORMAT", "text (default) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var output = context.Args.Choice("--output", "text", "text", "json");
        var selection = new InventorySelection(context.Args.List("--accounts"), context.Args.List("--clusters"), context.Args.WholeNumber("--parallel", 1, 256));

        var json = output == "json";
        var progress = new ProgressLine(json ? context.Error : context.Out, !json && context.Interactive);
        var outcome = await StateFile.Use(() => context.Get<InventoryStage>().RunAsync(selection, progress, ct));
        progress.Complete();
        var summary = InventorySummary.Of(outcome.Snapshot, outcome.Elapsed);

        if (json)
            InventoryJson.Write(context.Out, summary);
        else
            summary.WriteText(context.Out);
        return outcome.Status switch
        {
            RunStatus.Complete => ExitCodes.Ok,
            RunStatus.Partial => ExitCodes.Partial,
            _ => ExitCodes.Failure,
        };
    }
}
