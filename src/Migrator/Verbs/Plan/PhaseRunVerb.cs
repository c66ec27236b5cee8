using Migrator.Cli;
using Migrator.Core.Execution;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator phase run N: runs an approved phase (journalled, resumable); --dry-run prints the exact calls instead.</summary>
public sealed class PhaseRunVerb : IVerb
{
    public string Name => "phase run";
    public string Summary => "run an approved phase (re-running continues from the journal); --dry-run prints the exact API calls";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "N";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--plan", "ID", "plan (default: the newest)"),
        OptionSpec.Flag("--dry-run", "print what would be done and the API calls; change nothing"),
    ];

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var number = PhaseArgument.Parse(context);
        var planning = context.Get<PlanningStage>();
        var plan = await planning.LoadAsync(context.Args.Value("--plan"), ct);
        var phase = plan.FindPhase(number) ?? throw new InvalidInputException($"plan {plan.Id} has no phase {number}: phases are 0..{plan.Phases.Count - 1}.");
        if (context.Args.Flag("--dry-run"))
        {
            var journal = await planning.JournalAsync(plan.Id, ct);
            var approval = (await planning.ApprovalsAsync(plan.Id, ct)).FirstOrDefault(a => a.Phase == number);
            var approved = approval is not null;
            await context.Out.WriteLineAsync($"dry run of phase {number} of plan {plan.Id} ({(approved ? "approved" : "NOT approved: 'phase run' would refuse")}); nothing is changed.");
            foreach (var line in PlanText.Modes(phase, approval))
                await context.Out.WriteLineAsync(line);
            var done = journal.Where(e => e.Direction == JournalDirection.Forward && e.IsDone).Select(e => e.StepId).ToHashSet(StringComparer.Ordinal);
            await CleanupEvidenceText.WriteAsync(context, phase);
            foreach (var step in phase.Steps)
            {
                var forced = step is Core.Planning.Steps.ChangeSetStep cs && approval is not null && Core.Ownership.DirectOverride.Forces(approval.ForcedDirect, cs);
                var shown = forced ? ((Core.Planning.Steps.ChangeSetStep)step).DirectStep : step;
                await context.Out.WriteLineAsync($"- {shown.Describe()}{(forced ? "   [forced to direct by the approval]" : "")}{(done.Contains(step.Id) ? "   [already done per the journal]" : "")}");
                foreach (var call in shown.ApiCalls())
                    await context.Out.WriteLineAsync($"    {call}");
            }
            return ExitCodes.Ok;
        }
        var execution = context.Get<ExecutionStage>();
        return await PlanText.ExecuteAsync(context, observer => execution.RunPhaseAsync(plan, number, observer, ct), "ran");
    }
}
