using System.Globalization;
using Microsoft.Extensions.Configuration;
using Migrator.Cli;
using Migrator.Pipeline;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

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
        OptionSpec.Value("--parallel", "N", "clusters collected at once (default: Inventory:MaxParallelClusters, else 8)"),
        OptionSpec.Value("--output", "FORMAT", "text (default) or json"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var output = context.Args.Choice("--output", "text", "text", "json");
        var request = new InventoryRequest
        {
            Accounts = SelectAccounts(context.Get<IAccountScopes>().GetScopes(), context.Args.List("--accounts")),
            ClusterNames = context.Args.List("--clusters"),
            MaxParallelClusters = context.Args.WholeNumber("--parallel", 1, 256) ?? context.Get<InventoryStage>().ConfiguredParallelism(),
        };
        var time = context.Get<TimeProvider>();

        var json = output == "json";
        var progress = new ProgressLine(json ? context.Error : context.Out, !json && context.Interactive);
        var started = time.GetTimestamp();
        var snapshot = await context.Get<InventoryStage>().RunAsync(request, progress, ct);
        progress.Complete();
        var summary = InventorySummary.Of(snapshot, time.GetElapsedTime(started));

        if (json)
            InventoryJson.Write(context.Out, summary);
        else
            summary.WriteText(context.Out);
        return snapshot.Status switch
        {
            RunStatus.Complete => ExitCodes.Ok,
            RunStatus.Partial => ExitCodes.Partial,
            _ => ExitCodes.Failure,
        };
    }

    private static List<AccountScope> SelectAccounts(IReadOnlyList<AccountScope> configured, IReadOnlyList<string> wanted)
    {
        if (configured.Count == 0)
            throw new InvalidInputException("no AWS accounts are configured: add Aws:Accounts entries ({Id, RoleArn, Regions}) to appsettings.json or pass --sandbox.");
        if (wanted.Count == 0) return [.. configured];
        var unknown = wanted.Where(w => configured.All(c => c.AccountId != w)).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException($"--accounts names {string.Join(", ", unknown)}, not configured under Aws:Accounts (configured: {string.Join(", ", configured.Select(c => c.AccountId))}).");
        return [.. configured.Where(c => wanted.Contains(c.AccountId))];
    }

}
