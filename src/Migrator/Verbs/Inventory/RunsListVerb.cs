using Migrator.Cli;
using Migrator.Core.Ports;

namespace Migrator.Verbs.Inventory;

/// <summary>migrator runs list: stored inventory runs, newest first.</summary>
public sealed class RunsListVerb : IVerb
{
    public string Name => "runs list";
    public string Summary => "list stored inventory runs, newest first";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("--output", "FORMAT", "text (default) or json")];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var output = context.Args.Choice("--output", "text", "text", "json");
        var runs = await StateFile.Use(() => context.Get<IInventoryStore>().ListRunsAsync(ct));
        if (output == "json")
        {
            InventoryJson.Write(context.Out, runs);
            return ExitCodes.Ok;
        }
        if (runs.Count == 0)
        {
            context.Out.WriteLine("no inventory runs stored yet: run 'migrator inventory'.");
            return ExitCodes.Ok;
        }
        context.Out.WriteLine($"{"RUN",5}  {"STARTED (UTC)",-20}  {"STATUS",-8}  {"CLUSTERS",8}  {"BINDINGS",8}  {"PODS",6}  {"ROLES",6}  {"ASSOC",6}  {"ERRORS",6}");
        foreach (var r in runs)
            context.Out.WriteLine($"{r.RunId,5}  {r.StartedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {r.Status.ToString().ToLowerInvariant(),-8}  {r.Clusters,8}  {r.Bindings,8}  {r.Pods,6}  {r.Roles,6}  {r.Associations,6}  {r.Errors,6}{(r.Filter is null ? "" : $"  filtered: {r.Filter}")}");
        return ExitCodes.Ok;
    }
}
