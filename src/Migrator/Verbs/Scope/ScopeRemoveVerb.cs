using Migrator.Cli;
using Migrator.Core.Ports;
using Migrator.Verbs.Inventory;

namespace Migrator.Verbs.Scope;

/// <summary>migrator scope remove: narrows the migration scope on purpose, recorded with who, when and why.</summary>
public sealed class ScopeRemoveVerb : IVerb
{
    public string Name => "scope remove";
    public string Summary => "narrow the migration scope (recorded with who, when and why); the identities stop counting from the latest run";
    public int MaxPositionals => 10_000;
    public string PositionalHelp => "CLUSTER/NAMESPACE/SERVICEACCOUNT ...";
    public static readonly VerbOption<string> By = VerbOption.RequiredText("--by", "NAME", "who narrows the scope");
    public static readonly VerbOption<string> Reason = VerbOption.RequiredText("--reason", "TEXT", "why (recorded)");

    public IReadOnlyList<VerbOption> Options => [By, Reason];
    public Type Handler => typeof(ScopeRemoveHandler);

    public sealed class ScopeRemoveHandler(IScopeStore store, IInventoryStore inventory, TimeProvider time, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var by = args.Get(By).Trim();
            var reason = args.Get(Reason).Trim();
            if (by.Length == 0) throw new UsageException("--by must name who narrows the scope.");
            if (reason.Length == 0) throw new UsageException("--reason must say why the identities leave the scope.");
            if (args.Positionals.Count == 0)
                throw new UsageException("name the identities to remove: CLUSTER/NAMESPACE/SERVICEACCOUNT ...");
            var scope = await StateFile.Use(() => store.LoadAsync(ct))
                ?? throw new InvalidInputException("no migration scope exists yet: the first plan fixes it ('migrator plan create' or 'migrator run').");
            var keys = args.Positionals.Select(s => ScopeKeys.Member(scope, s)).ToList();
            var runs = await StateFile.Use(() => inventory.ListRunsAsync(ct));
            // The latest run and later ones no longer count them: its report, run again, shows the narrowed scope.
            var until = runs.Count == 0 ? scope.FixedFromRunId : Math.Max(scope.FixedFromRunId, runs.Max(r => r.RunId));
            var now = time.GetUtcNow();
            var removed = await StateFile.Use(() => store.RemoveAsync(keys, by, reason, now, until, ct));
            await console.Out.WriteLineAsync($"removed {removed.Count} identit{(removed.Count == 1 ? "y" : "ies")} from the migration scope (by {by}: {reason}); runs from {until} on no longer count them.");
            foreach (var k in removed)
                await console.Out.WriteLineAsync($"  - {k}");
            return ExitCodes.Ok;
        }
    }
}
