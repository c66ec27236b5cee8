using Migrator.Application;
using Migrator.Cli;
using Migrator.Core.Execution;

namespace Migrator.Worker;

/// <summary>The worker's execution of approved phases told in lines (its log, or the console of `worker --once`), and its exit code.</summary>
public static class ApprovedPhasesText
{
    public static async Task WriteAsync(TextWriter w, ApprovedPhasesOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ApprovedPhasesStatus.NoChangeWindow:
                await w.WriteLineAsync("no change window is configured (Execution:ChangeWindows): the worker executes nothing; run phases by hand with 'migrator phase run N'.");
                return;
            case ApprovedPhasesStatus.OutsideChangeWindow:
                await w.WriteLineAsync($"outside every change window at {outcome.CheckedAt:yyyy-MM-dd HH:mm} UTC: nothing executed.");
                return;
            case ApprovedPhasesStatus.NoPlan:
                await w.WriteLineAsync("no plan exists yet: nothing to execute.");
                return;
            case ApprovedPhasesStatus.NoApprovedPlan:
                await w.WriteLineAsync($"no plan has an approved phase (newest plan {outcome.NewestPlanId}): nothing to execute; approve with 'migrator plan approve --plan {outcome.NewestPlanId} --phase N --by NAME'.");
                return;
        }
        if (outcome.PlanId is not null && outcome.NewestPlanId is not null && outcome.PlanId != outcome.NewestPlanId)
            await w.WriteLineAsync($"executing approved plan {outcome.PlanId}; the newer plan {outcome.NewestPlanId} has no approved phase and is not executed until one is approved.");
        foreach (var phase in outcome.Phases)
        {
            await w.WriteLineAsync(phase.Outcome switch
            {
                PhaseExecutionOutcome.Ran { Result: var r } => $"phase {phase.Number} ({phase.Title}): {r.Status}, {r.Bindings.Count - r.Failed} ok, {r.Failed} failed",
                PhaseExecutionOutcome.Refused { Reason: var why } => $"phase {phase.Number} ({phase.Title}): not run: {why}",
                PhaseExecutionOutcome.Locked { Reason: var why } => $"plan {outcome.PlanId} is locked by another executor: {why}",
                _ => throw new InvalidOperationException("unknown execution outcome"),
            });
        }
    }

    /// <summary>0 unless a phase did not complete cleanly (4) or the plan was locked by another executor (1).</summary>
    public static int ExitCode(ApprovedPhasesOutcome outcome) => outcome.Status switch
    {
        ApprovedPhasesStatus.Locked => ExitCodes.Failure,
        ApprovedPhasesStatus.Incomplete => ExitCodes.Partial,
        _ => ExitCodes.Ok,
    };
}
