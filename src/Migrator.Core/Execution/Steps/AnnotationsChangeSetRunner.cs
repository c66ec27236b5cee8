using System.Text.Json;
using Migrator.Core.Inventory;
using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Cleanup by the ServiceAccount's owner (Helm values, kustomize patch): the IRSA annotations dropped from its source,
/// written only once Pod Identity serves the binding (the same guard as the direct step: IRSA is the rollback path).
/// Live once the ServiceAccount carries none of them. Reverse: the annotations as they were, live once they are back.
/// </summary>
internal sealed class AnnotationsChangeSetRunner : ChangeSetRunner<AnnotationsChangeSetStep>
{
    protected override RollbackKind UndoKind => RollbackKind.RestoreAnnotations;

    protected override async Task<OwnerChangeState> ForwardAsync(ExecutionScope s, AnnotationsChangeSetStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var sa = await s.Kube(key.Cluster, (k, t) => k.GetServiceAccountAsync(key.Namespace, key.ServiceAccount, t), ct);
        if (sa is null)
            return new OwnerChangeState(false, null, Refused: StepResult.Fail($"ServiceAccount {key.Display} no longer exists"));
        var present = RemoveIrsaAnnotationsStep.IrsaAnnotationKeys.Where(sa.Annotations.ContainsKey).ToDictionary(k => k, k => sa.Annotations[k]);
        var live = JsonSerializer.Serialize(present);
        if (present.Count == 0)
            return new OwnerChangeState(true, live);
        if (present.TryGetValue(ServiceAccountRecord.RoleArnAnnotation, out var annotated) && annotated != step.RoleArn)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Drift, Before = live, Message = $"annotation now points to {annotated}" }, ct);
            return new OwnerChangeState(false, live, Refused: StepResult.Drift($"{key.Display} is now annotated with {annotated}, not {step.RoleArn}: left alone"));
        }
        var associations = await Associations.OfBindingAsync(s, key, ct);
        if (!associations.Any(a => a.RoleArn == step.RoleArn))
            return new OwnerChangeState(false, live, Refused: StepResult.Fail($"no association of {key.Display} to {step.RoleArn}: IRSA annotations kept (they are the only credential path)"));
        if (await PodIdentityTrustGuard.RefuseAsync(s, step, phase, associations, ct) is { } refused)
            return new OwnerChangeState(false, live, Refused: refused);
        return new OwnerChangeState(false, live, () => Change(s, null, step, phase, $"remove {string.Join(", ", present.Keys)} from ServiceAccount {key.Display}") with
        {
            Annotations = new AnnotationsChange(key.Cluster.Key, key.Namespace, key.ServiceAccount, new Dictionary<string, string>(), [.. present.Keys], present),
        });
    }

    protected override async Task<OwnerChangeState> ReverseAsync(ExecutionScope s, AnnotationsChangeSetStep step, UndoRequest undo, CancellationToken ct)
    {
        var key = step.Key;
        var before = JsonSerializer.Deserialize<Dictionary<string, string>>(undo.Entry.Before ?? "{}") ?? [];
        var sa = await s.Kube(key.Cluster, (k, t) => k.GetServiceAccountAsync(key.Namespace, key.ServiceAccount, t), ct);
        if (sa is null)
            return new OwnerChangeState(false, null, Refused: StepResult.Fail($"ServiceAccount {key.Display} no longer exists: annotations not restored"));
        var live = JsonSerializer.Serialize(RemoveIrsaAnnotationsStep.IrsaAnnotationKeys.Where(sa.Annotations.ContainsKey).ToDictionary(k => k, k => sa.Annotations[k]));
        if (before.All(kv => sa.Annotations.TryGetValue(kv.Key, out var v) && v == kv.Value))
            return new OwnerChangeState(true, live);
        return new OwnerChangeState(false, live, () => Change(s, undo.Entry, step, undo.Entry.Phase, $"put back {string.Join(", ", before.Keys)} on ServiceAccount {key.Display} (rollback)") with
        {
            Annotations = new AnnotationsChange(key.Cluster.Key, key.Namespace, key.ServiceAccount, before, [], new Dictionary<string, string>()),
        });
    }
}
