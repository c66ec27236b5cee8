using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Rollout-restarts a workload so its new pods get the Pod Identity env. Undone by restarting it again once the
/// association is gone (the annotation brings IRSA back).
/// </summary>
internal sealed class RestartWorkloadRunner : StepRunner<RestartWorkloadStep>
{
    protected override async Task<StepResult> RunAsync(ExecutionScope s, RestartWorkloadStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending
            && await ReconcileAsync(s, key, step.Workload, pending, Pods.OnPodIdentity, "reconciled: pods already run with Pod Identity", ct))
            return StepResult.Success("restarted (reconciled)");
        await RestartAsync(s, key, step.Workload, s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn), ct);
        return StepResult.Success("restarted");
    }

    protected override async Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, RestartWorkloadStep? step, CancellationToken ct)
    {
        if (step is null)
            return StepResult.Success("workload not in the plan: not restarted");
        if (undo.Done(s))
            return StepResult.Success("already restarted");
        var key = undo.Key;
        if (s.View.LatestRollbackOf(undo.Entry.Id) is { IsPending: true } pending
            && await ReconcileAsync(s, key, step.Workload, pending, Pods.OnIrsa, "reconciled: pods already back on IRSA", ct))
            return StepResult.Success("restarted (reconciled)");
        await RestartAsync(s, key, step.Workload, undo.NewEntry(s, RollbackKind.RestartWorkload), ct);
        return StepResult.Success("restarted");
    }

    /// <summary>Every workload the migration restarted, including those a previous (interrupted) rollback already restarted.</summary>
    public static IReadOnlyList<WorkloadRef> Restarted(ExecutionScope s, BindingKey key, HashSet<int> phases) =>
        s.View.Snapshot().Where(e => e.Direction == JournalDirection.Forward && e.Binding == key && phases.Contains(e.Phase)
                && e.StepKind == StepKind.RestartWorkload && e.IsDone)
            .Select(e => UndoRequest.StepOf<RestartWorkloadStep>(s, e)?.Workload).OfType<WorkloadRef>().Distinct().ToList();

    /// <summary>Settles a restart left pending: true when every pod of the workload already has the wanted env.</summary>
    private static async Task<bool> ReconcileAsync(ExecutionScope s, BindingKey key, WorkloadRef w, JournalEntry pending, Func<PodRecord, bool> wanted, string done, CancellationToken ct)
    {
        var pods = (await Pods.OfBindingAsync(s, key, ct)).Where(p => Pods.OwnedBy(p, w)).ToList();
        var restarted = pods.Count > 0 && pods.All(wanted);
        await s.CompleteAsync(pending, restarted ? JournalStatus.Succeeded : JournalStatus.Abandoned, null,
            restarted ? done : "reconciled: restart not observed; restarting", ct, afterMutation: false);
        return restarted;
    }

    private static async Task RestartAsync(ExecutionScope s, BindingKey key, WorkloadRef w, JournalEntry entry, CancellationToken ct)
    {
        var at = s.Now;
        var started = await s.BeginAsync(entry with { IntendedAfter = $"kubectl.kubernetes.io/restartedAt={at:O}" }, ct);
        await s.MutateAsync(started, c => s.Kube(key.Cluster, async (k, t) => { await k.RestartWorkloadAsync(w.Kind, w.Namespace, w.Name, at, t); return true; }, c), ct);
        await s.CompleteAsync(started, JournalStatus.Succeeded, at.ToString("O"), $"restarted {w.Kind} {w.Namespace}/{w.Name}", ct);
    }
}
