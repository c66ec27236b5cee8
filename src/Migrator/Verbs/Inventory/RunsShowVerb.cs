using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Verbs.Inventory;

/// <summary>migrator runs show [ID]: one stored run (the latest by default), cluster by cluster.</summary>
public sealed class RunsShowVerb : IVerb
{
    public string Name => "runs show";
    public string Summary => "show a stored inventory run (default: the latest)";
    public int MaxPositionals => 1;
    public string PositionalHelp => "[ID]";
    public static readonly VerbOption<string> Output = VerbOption.Choice("--output", "FORMAT", "text (default) or json (the whole snapshot)", "text", "text", "json");

    public IReadOnlyList<VerbOption> Options => [Output];
    public Type Handler => typeof(RunsShowHandler);

    public sealed class RunsShowHandler(IInventoryStore inventory, IInventoryShardStore shards, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var output = args.Get(Output);
            var id = RunIds.At(args, 0);
            var snapshot = await StateFile.Use(() => inventory.LoadSnapshotAsync(id, ct))
                ?? throw new InvalidInputException(id is null
                    ? "no inventory runs stored yet: run 'migrator inventory' first."
                    : $"run {id} is not stored: 'migrator runs list' shows the stored runs.");
            if (output == "json")
                InventoryJson.Write(console.Out, snapshot);
            else
            {
                WriteText(console.Out, snapshot);
                ShardText.Write(console.Out, await StateFile.Use(() => shards.ShardsAsync(snapshot.RunId, ct)));
            }
            return ExitCodes.Ok;
        }
    }

    private static void WriteText(TextWriter w, InventorySnapshot s)
    {
        w.WriteLine($"run {s.RunId}: {s.Status.ToString().ToLowerInvariant()}, started {s.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"
            + (s.CompletedAt is { } done ? $", took {Core.Text.DurationText.Format(done - s.StartedAt)}" : ""));
        w.WriteLine($"  {s.Clusters.Count} clusters, {s.IrsaBindings.Count()} IRSA bindings, {s.Pods.Count} pods, {s.Associations.Count} associations, {s.Roles.Count} roles, {s.OidcProviders.Count} OIDC providers, {s.Errors.Count} errors, {s.Notes.Count} notes");
        w.WriteLine();
        foreach (var c in s.Clusters)
        {
            if (c.CollectionError is not null)
            {
                w.WriteLine($"  {c.Ref.Key}: NOT COLLECTED: {c.CollectionError}");
                continue;
            }
            var bindings = s.IrsaBindings.Count(b => b.Cluster == c.Ref);
            var pods = s.Pods.Count(p => p.Cluster == c.Ref);
            var agent = c.AutoMode ? "built in (Auto Mode)" : c.PodIdentityAgentStatus is null ? "not installed" : $"{c.PodIdentityAgentStatus} {c.PodIdentityAgentVersion}";
            var nodes = c.NodeCounts.Count == 0 ? "none" : string.Join(", ", c.NodeCounts.Select(n => $"{n.Key} {n.Value}"));
            w.WriteLine($"  {c.Ref.Key}: k8s {c.KubernetesVersion} ({c.PlatformVersion}), agent {agent}, nodes {nodes}");
            w.WriteLine($"    {bindings} IRSA bindings, {c.AssociationCount} associations, {pods} pods");
        }
        if (s.Errors.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("errors:");
            foreach (var e in s.Errors)
                w.WriteLine($"  {e.Scope} {e.Target}: {e.Operation}: {e.Message}");
        }
        if (s.Notes.Count == 0) return;
        w.WriteLine();
        w.WriteLine("notes (nothing was lost):");
        foreach (var n in s.Notes)
            w.WriteLine($"  {n.Scope} {n.Target}: {n.Operation}: {n.Message}");
    }
}
