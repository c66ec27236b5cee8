using Migrator.Core.Trust;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Cleanup: removes this binding's IRSA subject from its role's trust once Pod Identity serves the binding. Undone first
/// in a rollback (newest first, one at a time: each restore expects the document its removal left).
/// </summary>
internal sealed class RemoveIrsaTrustSubjectRunner : StepRunner<RemoveIrsaTrustSubjectStep>
{
    protected override Task<StepResult> RunAsync(ExecutionScope s, RemoveIrsaTrustSubjectStep step, int phase, CancellationToken ct) =>
        TrustWrites.UnderRoleLockAsync(s, step, async () =>
            await PodIdentityTrustGuard.RefuseAsync(s, step, phase, await Associations.OfBindingAsync(s, step.Key, ct), ct)
            ?? await TrustWrites.ApplyAsync(s, step, phase, doc => s.Ports.Trust.RemoveIrsaSubject(doc, step.Issuer, step.Key.Namespace, step.Key.ServiceAccount), ct), ct);

    protected override Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, RemoveIrsaTrustSubjectStep? step, CancellationToken ct) =>
        TrustWrites.RestoreAsync(s, undo.Entry.RoleArn!, () => undo.Done(s), async (role, live) =>
        {
            var e = undo.Entry;
            var ours = e.Result ?? e.IntendedAfter;
            if (PolicyDocument.Same(live, e.Before))
            {
                await s.RecordAsync(undo.NewEntry(s, RollbackKind.RestoreTrust) with { Status = JournalStatus.AlreadyDone, Before = live, Result = live, Message = "trust subject already present" }, ct);
                return StepResult.Success("trust subject already present");
            }
            if (!PolicyDocument.Same(live, ours))
            {
                var message = $"trust policy of {role.Arn} changed since our cleanup wrote it: the IRSA subject was NOT restored (the document before cleanup is journal entry {e.Id}); association kept";
                await s.RecordAsync(undo.NewEntry(s, RollbackKind.RestoreTrust) with { Status = JournalStatus.Drift, Before = live, IntendedAfter = e.Before, Message = message }, ct);
                return StepResult.Drift(message);
            }
            return await TrustWrites.WriteAsync(s, role, undo.NewEntry(s, RollbackKind.RestoreTrust), live, e.Before!, ct);
        }, ct);
}
