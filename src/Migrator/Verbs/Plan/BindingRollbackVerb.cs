using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator binding rollback CLUSTER/NAMESPACE/SERVICEACCOUNT: one binding back to IRSA, others untouched.</summary>
public sealed class BindingRollbackVerb : IVerb
{
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan (default: the newest)");

    public string Name => "binding rollback";
    public string Summary => "roll one binding back to IRSA; its role's trust is narrowed to the other migrated bindings";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "CLUSTER/NAMESPACE/SERVICEACCOUNT";
    public IReadOnlyList<VerbOption> Options => [Plan];
    public Type Handler => typeof(BindingRollbackHandler);

    public sealed class BindingRollbackHandler(PlanningStage planning, ExecutionStage execution, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            if (args.Positionals.Count != 1)
                throw new UsageException("give the binding as CLUSTER/NAMESPACE/SERVICEACCOUNT (or ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT).");
            var plan = await planning.LoadAsync(args.Get(Plan), ct);
            var key = Resolve(plan, args.Positionals[0]);
            return await PlanText.ExecuteAsync(console, observer => execution.RollbackBindingAsync(plan, key, observer, ct), "rolled back binding in");
        }
    }

    /// <summary>A cluster name alone may be ambiguous across accounts and regions: then the full key is asked for.</summary>
    public static BindingKey Resolve(Core.Planning.MigrationPlan plan, string text)
    {
        var keys = plan.Phases.SelectMany(p => p.Bindings).Select(b => b.Key).Distinct().ToList();
        var matches = keys.Where(k => k.Display == text || k.ToString() == text).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidInputException($"'{text}' is not a binding this plan migrates; 'migrator plan show' lists them."),
            _ => throw new InvalidInputException($"'{text}' matches bindings in several accounts/regions: give one of {string.Join(", ", matches.Select(m => m.ToString()))}."),
        };
    }
}
