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
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--by", "NAME", "who narrows the scope", required: true),
        OptionSpec.Value("--reason", "TEXT", "why (recorded)", required: true),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var by = context.Args.Required("--by").Trim();
        var reason = context.Args.Required("--reason").Trim();
        if (by.Length == 0) throw new UsageException("--by must name who narrows the scope.");
        if (reason.Length == 0) throw new UsageException("--reason must say why the identities leave the scope.");
        if (context.Args.Positionals.Count == 0)
            throw new UsageException("name the identities to remove: CLUSTER/NAMESPACE/SERVICEACCOUNT ...");
        var store = context.Get<IScopeStore>();
        var scope = await StateFile.Use(() => store.LoadAsync(ct))
            ?? throw new InvalidInputException("no migration scope exists yet: the first plan fixes it ('migrator plan create' or 'migrator run').");
        var keys = context.Args.Positionals.Select(s => ScopeKeys.Member(scope, s)).ToList();
        var runs = await StateFile.Use(() => context.Get<IInventoryStore>().ListRunsAsync(ct));
        // The latest run and later ones no longer count them: its report, run again, shows the narrowed scope.
        var until = runs.Count == 0 ? scope.FixedFromRunId : Math.Max(scope.FixedFromRunId, runs.Max(r => r.RunId));
        var now = context.Get<TimeProvider>().GetUtcNow();
        var removed = await StateFile.Use(() => store.RemoveAsync(keys, by, reason, now, until, ct));
        await context.Out.WriteLineAsync($"removed {removed.Count} identit{(removed.Count == 1 ? "y" : "ies")} from the migration scope (by {by}: {reason}); runs from {until} on no longer count them.");
        foreach (var k in removed)
            await context.Out.WriteLineAsync($"  - {k}");
        return ExitCodes.Ok;
    }
}
