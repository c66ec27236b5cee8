using Migrator.Cli;
using Migrator.Core.Execution;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator phase rollback N: undoes a phase from its journal, newest change first.</summary>
public sealed class PhaseRollbackVerb : IVerb
{
    public string Name => "phase rollback";
    public string Summary => "roll a phase back to IRSA from the journal (a migration phase's cleanup is undone first)";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "N";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Value("--plan", "ID", "plan (default: the newest)")];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var number = PhaseArgument.Parse(context);
        var plan = await context.Get<PlanningStage>().LoadAsync(context.Args.Value("--plan"), ct);
        var execution = context.Get<ExecutionStage>();
        return await PlanText.ExecuteAsync(context, observer => execution.RollbackPhaseAsync(plan, number, observer, ct), "rolled back");
    }
}
