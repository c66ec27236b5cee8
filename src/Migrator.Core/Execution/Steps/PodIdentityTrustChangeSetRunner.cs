using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// The role's owner adds the Pod Identity trust for the phase's bindings of the role: the document written for it is the
/// one the direct step would write (same approved scope). Live once the role's trust admits every binding through Pod
/// Identity. Reverse: the trust without those bindings' Pod Identity entries (the journalled before-document when the
/// live one is still what the owner applied).
/// </summary>
internal sealed class PodIdentityTrustChangeSetRunner : ChangeSetRunner<PodIdentityTrustChangeSetStep>
{
    protected override RollbackKind UndoKind => RollbackKind.RestoreTrust;

    protected override bool ChangesTrust => true;

    protected override async Task<OwnerChangeState> ForwardAsync(ExecutionScope s, PodIdentityTrustChangeSetStep step, int phase, CancellationToken ct)
    {
        var live = await OwnerTrust.ReadAsync(s, step.RoleArn!, ct);
        if (live is null)
            return new OwnerChangeState(false, null, Refused: StepResult.Fail($"role {step.RoleArn} no longer exists"));
        if (step.Direct.Bindings.All(b => OwnerTrust.AdmitsPodIdentity(live, b)))
            return new OwnerChangeState(true, live);
        var approved = step.Direct.ApprovedTrustScope(s.Plan.Settings);
        var edit = s.Ports.Trust.AddPodIdentity(OwnerTrust.Base(s, step.RoleArn!, live), step.Direct.Bindings, approved);
        if (!edit.Success || (edit.Changed && edit.Scope > approved))
        {
            var why = edit.Success ? $"the rewrite would scope the trust by {edit.Scope!.Value.Describe()}, wider than the approved {approved.Describe()}" : edit.Error;
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, null, step.RoleArn) with { Status = JournalStatus.Failed, Before = live, Message = $"no change-set written: {why}" }, ct);
            return new OwnerChangeState(false, live, Refused: StepResult.Fail($"trust rewrite of {step.RoleArn} failed: {why}"));
        }
        var who = string.Join(", ", step.Direct.Bindings.Select(b => b.Display));
        return new OwnerChangeState(false, live, () => Change(s, null, step, phase, $"add the pods.eks.amazonaws.com statement ({approved.Describe()}) for {who} to the trust policy of {step.RoleArn}") with
        {
            Trust = new TrustChange(step.RoleArn!, edit.Document, live),
        });
    }

    protected override async Task<OwnerChangeState> ReverseAsync(ExecutionScope s, PodIdentityTrustChangeSetStep step, UndoRequest undo, CancellationToken ct)
    {
        var live = await OwnerTrust.ReadAsync(s, step.RoleArn!, ct);
        if (live is null)
            return new OwnerChangeState(false, null, Refused: StepResult.Fail($"role {step.RoleArn} no longer exists"));
        if (!undo.Bindings.Any(b => OwnerTrust.AdmitsPodIdentity(live, b)))
            return new OwnerChangeState(true, live);
        var before = undo.Entry.Before;
        var target = undo.Full && before is not null && PolicyDocument.Same(live, undo.Entry.Result)
            ? before
            : s.Ports.Trust.RemovePodIdentity(OwnerTrust.Base(s, step.RoleArn!, live), undo.Bindings, step.Direct.ApprovedTrustScope(s.Plan.Settings), []) is { Success: true } edit ? edit.Document : null;
        if (target is null)
            return new OwnerChangeState(false, live, Refused: StepResult.Fail($"cannot compute the trust of {step.RoleArn} without the Pod Identity statement; restore it by hand"));
        var who = string.Join(", ", undo.Bindings.Select(b => b.Display));
        return new OwnerChangeState(false, live, () => Change(s, undo.Entry, step, undo.Entry.Phase, $"remove the pods.eks.amazonaws.com trust of {who} from {step.RoleArn} (rollback)") with
        {
            Trust = new TrustChange(step.RoleArn!, target, live),
        });
    }
}
