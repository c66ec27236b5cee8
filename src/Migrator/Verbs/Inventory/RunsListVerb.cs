using Migrator.Cli;
using Migrator.Core.Ports;

namespace Migrator.Verbs.Inventory;

/// <summary>migrator runs list: stored inventory runs, newest first.</summary>
public sealed class RunsListVerb : IVerb
{
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json", "text", "text", "json");

    public string Name => "runs list";
    public string Summary => "list stored inventory runs, newest first";
    public IReadOnlyList<VerbOption> Options => [Output];
    public Type Handler => typeof(RunsListHandler);

    public sealed class RunsListHandler(IInventoryStore inventory, IInventoryRunWriter unfinished, IInventoryShardStore shards, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            // Finished runs and those being collected or stopped half-way (which no reader takes as the latest), newest first.
            var finished = await StateFile.Use(() => inventory.ListRunsAsync(ct));
            var open = await StateFile.Use(() => unfinished.UnfinishedRunsAsync(ct));
            var runs = finished.Concat(open).OrderByDescending(r => r.RunId).ToList();
            var w = console.Out;
            if (output == "json")
            {
                InventoryJson.Write(w, runs);
                return ExitCodes.Ok;
            }
            if (runs.Count == 0)
            {
                w.WriteLine("no inventory runs stored yet: run 'migrator inventory'.");
                return ExitCodes.Ok;
            }
            w.WriteLine($"{"RUN",5}  {"STARTED (UTC)",-20}  {"STATUS",-8}  {"CLUSTERS",8}  {"BINDINGS",8}  {"PODS",6}  {"ROLES",6}  {"ASSOC",6}  {"ERRORS",6}");
            foreach (var r in runs)
            {
                var status = r.Status.ToString().ToLowerInvariant();
                if (r.Status is Core.Inventory.RunStatus.Running or Core.Inventory.RunStatus.Interrupted)
                {
                    var runShards = await StateFile.Use(() => shards.ShardsAsync(r.RunId, ct));
                    var progress = runShards.Count == 0 ? "" : $", {runShards.Count(s => s.Finished)}/{runShards.Count} shards stored";
                    w.WriteLine($"{r.RunId,5}  {r.StartedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {status,-8}  (not finished{progress}: not read as the latest run)");
                    continue;
                }
                w.WriteLine($"{r.RunId,5}  {r.StartedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {status,-8}  {r.Clusters,8}  {r.Bindings,8}  {r.Pods,6}  {r.Roles,6}  {r.Associations,6}  {r.Errors,6}{(r.Filter is null ? "" : $"  filtered: {r.Filter}")}");
            }
            return ExitCodes.Ok;
        }
    }
}
