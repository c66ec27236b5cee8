using Migrator.Cli;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator phase rollback N: undoes a phase from its journal, newest change first.</summary>
public sealed class PhaseRollbackVerb : IVerb
{
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan (default: the newest)");

    public string Name => "phase rollback";
    public string Summary => "roll a phase back to IRSA from the journal (a migration phase's cleanup is undone first)";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "N";
    public IReadOnlyList<VerbOption> Options => [Plan];
    public Type Handler => typeof(PhaseRollbackHandler);

    public sealed class PhaseRollbackHandler(PlanningStage planning, ExecutionStage execution, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var number = PhaseArgument.Parse(args);
            var plan = await planning.LoadAsync(args.Get(Plan), ct);
            return await PlanText.ExecuteAsync(console, observer => execution.RollbackPhaseAsync(plan, number, observer, ct), "rolled back");
        }
    }
}
