using Microsoft.Extensions.Options;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Storage.Execution;

namespace Migrator.Application;

/// <summary>
/// Runs and rolls back phases of a plan with the real ports, the SQLite journal and this process as lock holder.
/// Settings come from section "Execution" (validated at start-up). Cancelling the token (SIGTERM, Ctrl-C) lets running
/// steps finish and journal their outcome, and starts nothing new.
/// </summary>
public sealed class ExecutionStage(
    IEksApi eks,
    IIamApi iam,
    IKubernetesEstate kubernetes,
    IExecutionJournal journal,
    IPlanStore plans,
    IOptions<ExecutionSettings> settings,
    TimeProvider time,
    ICredentialUseEvents evidence,
    IOptions<Core.Evidence.EvidenceSettings> evidenceSettings,
    IEvidenceOverrideStore overrides)
{
    public ExecutionSettings Settings => settings.Value;

    /// <summary>
    /// Runs a phase under the plan's lock, labelled with this host, process and <paramref name="executor"/> ("worker")
    /// for whoever is refused.
    /// </summary>
    public async Task<PhaseExecutionOutcome> RunPhaseAsync(MigrationPlan plan, int phase, IExecutionObserver? observer, CancellationToken ct, string? executor = null)
    {
        var approvals = await plans.GetApprovalsAsync(plan.Id, ct);
        var granted = await overrides.GetAsync(plan.Id, ct);
        return await Guarded(() => Executor(plan, observer).RunPhaseAsync(plan, phase, approvals, Holder(executor, $"phase run {phase}"), ct, granted));
    }

    public Task<PhaseExecutionOutcome> RollbackPhaseAsync(MigrationPlan plan, int phase, IExecutionObserver? observer, CancellationToken ct) =>
        Guarded(() => Executor(plan, observer).RollbackPhaseAsync(plan, phase, Holder(null, $"phase rollback {phase}"), ct));

    public Task<PhaseExecutionOutcome> RollbackBindingAsync(MigrationPlan plan, BindingKey key, IExecutionObserver? observer, CancellationToken ct) =>
        Guarded(() => Executor(plan, observer).RollbackBindingAsync(plan, key, Holder(null, $"binding rollback {key.Display}"), ct));

    /// <summary>
    /// The worker's execution of approved phases: only inside a configured change window, only the newest plan that has an
    /// approval (a plan made by a later scheduled inventory does not replace it until one of its phases is approved), phases in
    /// order, stopping at the first phase that is refused or that does not complete cleanly (a cleanup with nothing due
    /// yet is passed over: a later window tries again). Re-running is safe: the journal makes every step idempotent.
    /// </summary>
    public async Task<ApprovedPhasesOutcome> RunApprovedPhasesAsync(IExecutionObserver observer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!Settings.IsInChangeWindow(now))
            return new(Settings.ChangeWindows.Count == 0 ? ApprovedPhasesStatus.NoChangeWindow : ApprovedPhasesStatus.OutsideChangeWindow, now, null, []);
        var stored = await plans.ListAsync(ct);
        if (stored.Count == 0)
            return new(ApprovedPhasesStatus.NoPlan, now, null, []);
        var newest = stored[0].PlanId;
        var (approved, approvals) = await ApprovedPlanChoice.NewestApprovedAsync(plans, stored, ct);
        if (approved is null || await plans.LoadAsync(approved, ct) is not { } plan)
            return new(ApprovedPhasesStatus.NoApprovedPlan, now, null, []) { NewestPlanId = newest };

        var runs = new List<ApprovedPhaseRun>();
        ApprovedPhasesOutcome Ended(ApprovedPhasesStatus status) => new(status, now, plan.Id, runs) { NewestPlanId = newest };
        foreach (var phase in plan.Phases.Where(p => approvals.Any(a => a.Phase == p.Number)).OrderBy(p => p.Number))
        {
            ct.ThrowIfCancellationRequested();
            var outcome = await RunPhaseAsync(plan, phase.Number, observer, ct, executor: "worker");
            runs.Add(new ApprovedPhaseRun(phase.Number, phase.Title, outcome));
            switch (outcome)
            {
                case PhaseExecutionOutcome.Refused:
                    return Ended(ApprovedPhasesStatus.Refused);
                case PhaseExecutionOutcome.Locked:
                    return Ended(ApprovedPhasesStatus.Locked);
                case PhaseExecutionOutcome.Ran { Result.Status: not (PhaseRunStatus.Completed or PhaseRunStatus.NothingDue) }:
                    return Ended(ApprovedPhasesStatus.Incomplete);
            }
        }
        return Ended(ApprovedPhasesStatus.Finished);
    }

    private PhaseExecutor Executor(MigrationPlan plan, IExecutionObserver? observer) =>
        new(new ExecutionPorts(eks, iam, kubernetes, journal, RewriterTrustEditor.For(plan), evidence, new Execution.FileChangeSetWriter(settings.Value.ChangeSetDirectory)),
            settings.Value with { Evidence = evidenceSettings.Value }, time, observer);

    private static async Task<PhaseExecutionOutcome> Guarded(Func<Task<PhaseRunResult>> run)
    {
        try
        {
            return new PhaseExecutionOutcome.Ran(await run());
        }
        catch (ExecutionRefusedException e)
        {
            return new PhaseExecutionOutcome.Refused(e.Message);
        }
        catch (PlanLockedException e)
        {
            return new PhaseExecutionOutcome.Locked(e.Message);
        }
        catch (PlanLockLostException e)
        {
            return new PhaseExecutionOutcome.Locked(e.Message);
        }
    }

    private static string Holder(string? executor, string action) => LockHolder.Current(executor is null ? action : $"{executor}: {action}");
}
