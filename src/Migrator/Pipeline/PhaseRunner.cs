using Migrator.Cli;
using Migrator.Core.Execution;
using Migrator.Execution;

namespace Migrator.Pipeline;

/// <summary>
/// The worker's execution of approved phases: only inside a configured change window, only the newest plan, phases in
/// order, stopping at the first phase that is refused (not approved, soak not over, prerequisites not done) or that does
/// not complete cleanly. Re-running is safe: the journal makes every step idempotent.
/// </summary>
public sealed class PhaseRunner(PlanService plans, LoggingExecutionObserver observer, TimeProvider time)
{
    public async Task<int> RunApprovedAsync(TextWriter progress, CancellationToken ct)
    {
        var settings = plans.Settings;
        var now = time.GetUtcNow();
        if (!settings.IsInChangeWindow(now))
        {
            await progress.WriteLineAsync(settings.ChangeWindows.Count == 0
                ? "no change window is configured (Execution:ChangeWindows): the worker executes nothing; run phases by hand with 'migrator phase run N'."
                : $"outside every change window at {now:yyyy-MM-dd HH:mm} UTC: nothing executed.");
            return ExitCodes.Ok;
        }
        Core.Planning.MigrationPlan plan;
        try
        {
            plan = await plans.LoadAsync(null, ct);
        }
        catch (InvalidInputException)
        {
            await progress.WriteLineAsync("no plan exists yet: nothing to execute.");
            return ExitCodes.Ok;
        }
        var approvals = await plans.ApprovalsAsync(plan.Id, ct);
        foreach (var phase in plan.Phases.Where(p => approvals.Any(a => a.Phase == p.Number)).OrderBy(p => p.Number))
        {
            ct.ThrowIfCancellationRequested();
            PhaseRunResult result;
            try
            {
                result = await plans.RunPhaseAsync(plan, phase.Number, observer, ct, executor: "worker");
            }
            catch (ExecutionRefusedException e)
            {
                await progress.WriteLineAsync($"phase {phase.Number} ({phase.Title}): not run: {e.Message}");
                return ExitCodes.Ok;
            }
            catch (PlanLockedException e)
            {
                await progress.WriteLineAsync($"plan {plan.Id} is locked by another executor: {e.Message}");
                return ExitCodes.Failure;
            }
            await progress.WriteLineAsync($"phase {phase.Number} ({phase.Title}): {result.Status}, {result.Bindings.Count - result.Failed} ok, {result.Failed} failed");
            if (result.Status == PhaseRunStatus.NothingDue)
                continue; // a cleanup whose soak has not ended: the worker tries again in a later window
            if (result.Status != PhaseRunStatus.Completed)
                return ExitCodes.Partial;
        }
        return ExitCodes.Ok;
    }
}
