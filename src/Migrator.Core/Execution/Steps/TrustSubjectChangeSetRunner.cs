using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Cleanup by the role's owner: the assume_role_policy without this binding's IRSA subject on this cluster's issuer
/// (other clusters' and service accounts' trust untouched), written only once Pod Identity serves the binding. Live once
/// removing the subject from the live trust changes nothing. Reverse: the journalled document from before, while the
/// live one is still what the owner applied.
/// </summary>
internal sealed class TrustSubjectChangeSetRunner : ChangeSetRunner<TrustSubjectChangeSetStep>
{
    protected override RollbackKind UndoKind => RollbackKind.RestoreTrust;

    protected override bool ChangesTrust => true;

    protected override async Task<OwnerChangeState> ForwardAsync(ExecutionScope s, TrustSubjectChangeSetStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var live = await OwnerTrust.ReadAsync(s, step.RoleArn!, ct);
        if (live is null)
            return new OwnerChangeState(false, null, Refused: StepResult.Fail($"role {step.RoleArn} no longer exists"));
        if (s.Ports.Trust.RemoveIrsaSubject(live, step.Direct.Issuer, key.Namespace, key.ServiceAccount) is { Success: true, Changed: false })
            return new OwnerChangeState(true, live);
        var edit = s.Ports.Trust.RemoveIrsaSubject(OwnerTrust.Base(s, step.RoleArn!, live), step.Direct.Issuer, key.Namespace, key.ServiceAccount);
        if (!edit.Success)
            return new OwnerChangeState(false, live, Refused: StepResult.Fail($"trust rewrite of {step.RoleArn} failed: {edit.Error}"));
        if (await PodIdentityTrustGuard.RefuseAsync(s, step, phase, await Associations.OfBindingAsync(s, key, ct), ct) is { } refused)
            return new OwnerChangeState(false, live, Refused: refused);
        return new OwnerChangeState(false, live, () => Change(s, null, step, phase, $"remove subject system:serviceaccount:{key.Namespace}:{key.ServiceAccount} of issuer {step.Direct.Issuer} from the trust policy of {step.RoleArn}") with
        {
            Trust = new TrustChange(step.RoleArn!, edit.Document, live),
        });
    }

    protected override async Task<OwnerChangeState> ReverseAsync(ExecutionScope s, TrustSubjectChangeSetStep step, UndoRequest undo, CancellationToken ct)
    {
        var key = step.Key;
        var live = await OwnerTrust.ReadAsync(s, step.RoleArn!, ct);
        if (live is null)
            return new OwnerChangeState(false, null, Refused: StepResult.Fail($"role {step.RoleArn} no longer exists"));
        if (s.Ports.Trust.RemoveIrsaSubject(live, step.Direct.Issuer, key.Namespace, key.ServiceAccount) is { Success: true, Changed: true })
            return new OwnerChangeState(true, live);
        if (undo.Entry.Before is not { } before || !PolicyDocument.Same(live, undo.Entry.Result))
        {
            var message = $"trust policy of {step.RoleArn} changed since its owner removed the IRSA subject: not restored (the document before is journal entry {undo.Entry.Id})";
            await s.RecordAsync(undo.NewEntry(s, UndoKind) with { Status = JournalStatus.Drift, Before = live, IntendedAfter = undo.Entry.Before, Message = message }, ct);
            return new OwnerChangeState(false, live, Refused: StepResult.Drift(message));
        }
        return new OwnerChangeState(false, live, () => Change(s, undo.Entry, step, undo.Entry.Phase, $"put back subject system:serviceaccount:{key.Namespace}:{key.ServiceAccount} of issuer {step.Direct.Issuer} in the trust policy of {step.RoleArn} (rollback)") with
        {
            Trust = new TrustChange(step.RoleArn!, before, live),
        });
    }
}
