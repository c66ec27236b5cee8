using System.Globalization;
using Microsoft.Extensions.Configuration;
using Migrator.Cli;
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
            MaxParallelClusters = context.Args.WholeNumber("--parallel", 1, 256) ?? ConfiguredParallelism(context),
        };
        var time = context.Get<TimeProvider>();
        var collector = new InventoryCollector(context.Get<IEksApi>(), context.Get<IIamApi>(), context.Get<IKubernetesEstate>(), time);
        var store = context.Get<IInventoryStore>();

        var json = output == "json";
        var progress = new ProgressLine(json ? context.Error : context.Out, !json && context.Interactive);
        var started = time.GetTimestamp();
        var snapshot = await collector.CollectAsync(request, progress, ct);
        progress.Complete();
        var runId = await StateFile.Use(() => store.SaveSnapshotAsync(snapshot, ct));
        snapshot = snapshot with { RunId = runId };
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

    private static int ConfiguredParallelism(VerbContext context)
    {
        var raw = context.Get<IConfiguration>()["Inventory:MaxParallelClusters"];
        if (raw is null) return 8;
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256
            ? n
            : throw new InvalidInputException($"Inventory:MaxParallelClusters must be a whole number from 1 to 256; got '{raw}'.");
    }
}
