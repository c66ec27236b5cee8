using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Evidence;
using Migrator.Core.Execution;
using Migrator.Application;

namespace Migrator.Verbs.Plan;

/// <summary>migrator phase run N: runs an approved phase (journalled, resumable); --dry-run prints the exact calls instead.</summary>
public sealed class PhaseRunVerb : IVerb
{
    public static readonly VerbOption<string?> Plan = VerbOption.Text("--plan", "ID", "plan (default: the newest)");
    public static readonly VerbOption<bool> DryRun = VerbOption.Flag("--dry-run", "print what would be done and the API calls; change nothing");

    public string Name => "phase run";
    public string Summary => "run an approved phase (re-running continues from the journal); --dry-run prints the exact API calls";
    public int MaxPositionals => 1;
    public string? PositionalHelp => "N";
    public IReadOnlyList<VerbOption> Options => [Plan, DryRun];
    public Type Handler => typeof(PhaseRunHandler);

    public sealed class PhaseRunHandler(PlanningStage planning, ExecutionStage execution, IOptions<EvidenceSettings> evidence, VerbConsole console) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            var number = PhaseArgument.Parse(args);
            var plan = await planning.LoadAsync(args.Get(Plan), ct);
            var phase = plan.FindPhase(number) ?? throw new InvalidInputException($"plan {plan.Id} has no phase {number}: phases are 0..{plan.Phases.Count - 1}.");
            if (!args.Get(DryRun))
                return await PlanText.ExecuteAsync(console, observer => execution.RunPhaseAsync(plan, number, observer, ct), "ran");
            var w = console.Out;
            var journal = await planning.JournalAsync(plan.Id, ct);
            var approval = (await planning.ApprovalsAsync(plan.Id, ct)).FirstOrDefault(a => a.Phase == number);
            await w.WriteLineAsync($"dry run of phase {number} of plan {plan.Id} ({(approval is not null ? "approved" : "NOT approved: 'phase run' would refuse")}); nothing is changed.");
            foreach (var line in PlanText.Modes(phase, approval))
                await w.WriteLineAsync(line);
            var done = journal.Where(e => e.Direction == JournalDirection.Forward && e.IsDone).Select(e => e.StepId).ToHashSet(StringComparer.Ordinal);
            await CleanupEvidenceText.WriteAsync(w, evidence.Value, phase);
            foreach (var step in phase.Steps)
            {
                var forced = step is Core.Planning.Steps.ChangeSetStep cs && approval is not null && Core.Ownership.DirectOverride.Forces(approval.ForcedDirect, cs);
                var shown = forced ? ((Core.Planning.Steps.ChangeSetStep)step).DirectStep : step;
                await w.WriteLineAsync($"- {shown.Describe()}{(forced ? "   [forced to direct by the approval]" : "")}{(done.Contains(step.Id) ? "   [already done per the journal]" : "")}");
                foreach (var call in shown.ApiCalls())
                    await w.WriteLineAsync($"    {call}");
            }
            return ExitCodes.Ok;
        }
    }
}
