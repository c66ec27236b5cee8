using System.Text.Json;
using Migrator.Core.Inventory;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Cleanup: removes the IRSA annotations from the binding's ServiceAccount, only while Pod Identity serves it (IRSA is
/// the rollback path). Undone by putting back the annotations journalled as removed, never over someone else's change.
/// </summary>
internal sealed class RemoveIrsaAnnotationsRunner : StepRunner<RemoveIrsaAnnotationsStep>
{
    protected override async Task<StepResult> RunAsync(ExecutionScope s, RemoveIrsaAnnotationsStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var sa = await s.Kube(key.Cluster, (k, t) => k.GetServiceAccountAsync(key.Namespace, key.ServiceAccount, t), ct);
        if (sa is null)
            return StepResult.Fail($"ServiceAccount {key.Display} no longer exists");
        var present = RemoveIrsaAnnotationsStep.IrsaAnnotationKeys.Where(sa.Annotations.ContainsKey).ToDictionary(k => k, k => sa.Annotations[k]);
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
        {
            var applied = present.Count == 0;
            await s.CompleteAsync(pending, applied ? JournalStatus.Succeeded : JournalStatus.Abandoned, applied ? "{}" : null,
                applied ? "reconciled: annotations had been removed" : "reconciled: annotations still present; retrying", ct, afterMutation: false);
            if (applied)
                return StepResult.Success("annotations removed (reconciled)");
        }
        if (present.Count == 0)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.AlreadyDone, Before = "{}", Result = "{}", Message = "no IRSA annotations left" }, ct);
            return StepResult.Success("no IRSA annotations left");
        }
        if (present.TryGetValue(ServiceAccountRecord.RoleArnAnnotation, out var annotated) && annotated != step.RoleArn)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Drift, Before = JsonSerializer.Serialize(present), Message = $"annotation now points to {annotated}" }, ct);
            return StepResult.Drift($"{key.Display} is now annotated with {annotated}, not {step.RoleArn}: left alone");
        }
        // IRSA is the rollback path: never remove it unless the Pod Identity association is in place and its role's trust admits this binding.
        var associations = await Associations.OfBindingAsync(s, key, ct);
        if (!associations.Any(a => a.RoleArn == step.RoleArn))
            return StepResult.Fail($"no association of {key.Display} to {step.RoleArn}: IRSA annotations kept (they are the only credential path)");
        if (await PodIdentityTrustGuard.RefuseAsync(s, step, phase, associations, ct) is { } refused)
            return refused;

        var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            Before = JsonSerializer.Serialize(present),
            IntendedAfter = "{}",
        }, ct);
        await s.MutateAsync(entry, c => s.Kube(key.Cluster, (k, t) => k.PatchServiceAccountAnnotationsAsync(key.Namespace, key.ServiceAccount, present.Keys.ToDictionary(k => k, _ => (string?)null), t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, "{}", $"removed {string.Join(", ", present.Keys)}", ct);
        return StepResult.Success("IRSA annotations removed");
    }

    protected override async Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, RemoveIrsaAnnotationsStep? step, CancellationToken ct)
    {
        var (e, key) = (undo.Entry, undo.Key);
        if (undo.Done(s))
            return StepResult.Success("already restored");
        var before = JsonSerializer.Deserialize<Dictionary<string, string>>(e.Before ?? "{}") ?? [];
        var sa = await s.Kube(key.Cluster, (k, t) => k.GetServiceAccountAsync(key.Namespace, key.ServiceAccount, t), ct);
        if (sa is null)
            return StepResult.Fail($"ServiceAccount {key.Display} no longer exists: annotations not restored");
        var clash = before.Where(kv => sa.Annotations.TryGetValue(kv.Key, out var v) && v != kv.Value).Select(kv => kv.Key).ToList();
        if (clash.Count > 0)
        {
            var message = $"annotation(s) {string.Join(", ", clash)} of {key.Display} were changed by someone else since cleanup: not overwritten; association kept";
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.RestoreAnnotations) with { Status = JournalStatus.Drift, Message = message }, ct);
            return StepResult.Drift(message);
        }
        var missing = before.Where(kv => !sa.Annotations.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        if (missing.Count == 0)
        {
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.RestoreAnnotations) with { Status = JournalStatus.AlreadyDone, Message = "annotations already present" }, ct);
            return StepResult.Success("annotations already present");
        }
        var entry = await s.BeginAsync(undo.NewEntry(s, RollbackKind.RestoreAnnotations) with { Before = JsonSerializer.Serialize(sa.Annotations), IntendedAfter = e.Before }, ct);
        await s.MutateAsync(entry, c => s.Kube(key.Cluster, (k, t) => k.PatchServiceAccountAnnotationsAsync(key.Namespace, key.ServiceAccount, missing, t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, e.Before, $"restored {string.Join(", ", missing.Keys)}", ct);
        return StepResult.Success("annotations restored");
    }
}
