using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Waits for the binding's restarts and checks its new pods carry the Pod Identity env and not the IRSA env; a CronJob
/// that has not run a pod since is verified on its next run. Its counterpart in a rollback checks the pods are back on
/// IRSA (<see cref="VerifyIrsaAsync"/>).
/// </summary>
internal sealed class VerifyPodIdentityRunner : StepRunner<VerifyPodIdentityStep>
{
    protected override string AlreadyDone => "already verified";

    protected override async Task<StepResult> RunAsync(ExecutionScope s, VerifyPodIdentityStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var steps = s.Plan.FindPhase(phase)!.Steps;
        var workloads = steps.OfType<RestartWorkloadStep>().Where(x => x.Binding == key).Select(x => x.Workload).ToList();
        var manual = steps.OfType<ManualRestartStep>().Where(x => x.Binding == key).Select(x => x.Workload).ToList();
        var (ok, detail) = await Pods.WaitForAsync(s, key, workloads, Pods.OnPodIdentity,
            (attempt, attempts, d) => s.Observer.OnMessage($"verifying {key.Namespace}/{key.ServiceAccount} on {key.Cluster.Name}: {d}, attempt {attempt}/{attempts}"), ct);
        if (!ok)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Failed, Message = $"verification failed: {detail}" }, ct);
            return StepResult.Fail($"verification of {key.Display} failed: {detail}");
        }
        var warnings = new List<string>();
        var awaiting = new List<string>();
        if (manual.Count > 0)
        {
            var pods = await Pods.OfBindingAsync(s, key, ct);
            var stale = pods.Where(p => manual.Any(m => m.Kind != WorkloadKind.CronJob && Pods.OwnedBy(p, m)) && !Pods.OnPodIdentity(p)).Select(p => p.Name).ToList();
            if (stale.Count > 0)
                warnings.Add($"pod(s) {string.Join(", ", stale)} still use IRSA until recreated by hand");
            var earlierRuns = pods.Where(p => manual.Any(m => m.Kind == WorkloadKind.CronJob && Pods.OwnedBy(p, m)) && !Pods.OnPodIdentity(p)).Select(p => p.Name).ToList();
            if (earlierRuns.Count > 0)
                warnings.Add($"pod(s) {string.Join(", ", earlierRuns)} of a CronJob's runs from before the cut-over still show IRSA; its next runs' pods use Pod Identity");
            // A CronJob is proven only by a pod of a run after the cut-over: until then it is verified on its next run.
            awaiting = manual.Where(m => m.Kind == WorkloadKind.CronJob && !pods.Any(p => Pods.OwnedBy(p, m) && Pods.OnPodIdentity(p)))
                .Select(m => $"CronJob {m.Namespace}/{m.Name}").ToList();
        }
        if (awaiting.Count > 0)
        {
            var message = $"{string.Join(", ", awaiting)} has not run a pod on Pod Identity yet: verified on its next run (re-run phase {phase} after it ran; cleanup waits until then)";
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
            {
                Status = JournalStatus.VerifyOnNextRun,
                Result = $"verify on next run: {string.Join(", ", awaiting)}",
                Message = message,
            }, ct);
            return StepResult.Success("verified except CronJob(s) awaiting their next run", [.. warnings, message]);
        }
        await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            Status = JournalStatus.Succeeded,
            Result = $"{workloads.Count} workload(s) on Pod Identity",
            Message = warnings.Count == 0 ? "new pods carry the Pod Identity env and not the IRSA env" : string.Join("; ", warnings),
        }, ct);
        return StepResult.Success("verified", warnings.ToArray());
    }

    /// <summary>
    /// After a binding's rollback: every workload the migration restarted has rolled out again and its pods carry the
    /// IRSA env. Journalled against the binding's verification entry of <paramref name="phases"/>, if any.
    /// </summary>
    public static async Task<StepResult> VerifyIrsaAsync(ExecutionScope s, BindingKey key, HashSet<int> phases, IReadOnlyList<WorkloadRef> restarted, CancellationToken ct)
    {
        var verify = s.View.Snapshot().LastOrDefault(e => e.Direction == JournalDirection.Forward && e.Binding == key
            && e.StepKind == StepKind.VerifyPodIdentity && phases.Contains(e.Phase) && (e.IsDone || e.Status == JournalStatus.VerifyOnNextRun) && !s.View.IsUndone(e.Id));
        var (ok, detail) = await Pods.WaitForAsync(s, key, restarted, Pods.OnIrsa, null, ct);
        if (!ok)
            return StepResult.Fail($"rollback of {key.Display}: pods not back on IRSA: {detail}");
        var entry = s.NewEntry(verify?.Phase ?? 0, $"rollback/verify/{key}", RollbackKind.VerifyIrsa, key, verify?.RoleArn, JournalDirection.Rollback) with
        {
            UndoesEntryId = verify?.Id,
            Status = JournalStatus.Succeeded,
            Message = $"{restarted.Count} workload(s) back on IRSA",
        };
        await s.RecordAsync(entry, ct);
        return StepResult.Success("IRSA env verified");
    }
}
