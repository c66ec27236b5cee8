using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Inventory;

namespace Migrator.Verbs.Inventory;

/// <summary>migrator inventory: one run over the configured accounts, stored as a new snapshot.</summary>
public sealed class InventoryVerb : IVerb
{
    public static readonly VerbOption<IReadOnlyList<string>> Accounts = VerbOption.ManyList("--accounts", "A,B", "only these configured account ids (default: all of Aws:Accounts)");
    public static readonly VerbOption<IReadOnlyList<string>> Clusters = VerbOption.ManyList("--clusters", "X,Y", "only these cluster names (or ACCOUNT/REGION/NAME)");
    public static readonly VerbOption<int?> Parallel = VerbOption.Number("--parallel", "N", "clusters collected at once (default: Inventory:MaxParallelClusters, else 8)", 1, 256);
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public string Name => "inventory";
    public string Summary => "read every cluster, ServiceAccount, pod, association, role and OIDC provider into a new stored run";
    public IReadOnlyList<VerbOption> Options => [Accounts, Clusters, Parallel, Output];
    public Type Handler => typeof(InventoryHandler);

    public sealed class InventoryHandler(InventoryStage inventory, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            var selection = new InventorySelection(args.Get(Accounts), args.Get(Clusters), args.Get(Parallel));

            var json = output == "json";
            var progress = new ProgressLine(json ? console.Error : console.Out, !json && console.Interactive);
            var outcome = await StateFile.Use(() => inventory.RunAsync(selection, progress, ct));
            progress.Complete();
            var summary = InventorySummary.Of(outcome.Snapshot, outcome.Summary, outcome.Elapsed);

            if (json)
                InventoryJson.Write(console.Out, summary);
            else
                summary.WriteText(console.Out);
            return outcome.Status switch
            {
                RunStatus.Complete => ExitCodes.Ok,
                RunStatus.Partial => ExitCodes.Partial,
                _ => ExitCodes.Failure,
            };
        }
    }
}
