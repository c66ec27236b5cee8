using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Adds the Pod Identity trust for a role's bindings within the approved scope (one guarded write per role per phase).
/// Undone last in a rollback: the exact before-state when the document is unchanged since our write, otherwise only
/// what we added is removed and the drift is reported; a single binding's rollback narrows it to the others.
/// </summary>
internal sealed class AddPodIdentityTrustRunner : StepRunner<AddPodIdentityTrustStep>
{
    protected override Task<StepResult> RunAsync(ExecutionScope s, AddPodIdentityTrustStep step, int phase, CancellationToken ct) =>
        TrustWrites.UnderRoleLockAsync(s, step, () => TrustWrites.ApplyAsync(s, step, phase, doc => AddTrust(s, step, doc), ct), ct);

    /// <summary>
    /// The Pod Identity trust rewrite within the approved scope: a live document that would need a wider scope than
    /// the plan showed and the approver saw fails the step (journalled by TrustWrites) instead of widening silently.
    /// </summary>
    private static TrustEdit AddTrust(ExecutionScope s, AddPodIdentityTrustStep step, string document)
    {
        var approved = step.ApprovedTrustScope(s.Plan.Settings);
        var edit = s.Ports.Trust.AddPodIdentity(document, step.Bindings, approved);
        if (!edit.Success)
            return edit with { Error = $"{edit.Error} (the plan approved trust scoped by {approved.Describe()}; nothing wider is written without a new plan and approval)" };
        if (edit.Changed && edit.Scope > approved)
            return edit with { Success = false, Document = document, Error = $"the rewrite would scope the trust by {edit.Scope.Value.Describe()}, wider than the approved {approved.Describe()}; nothing written: re-plan and approve" };
        return edit;
    }

    protected override Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, AddPodIdentityTrustStep? step, CancellationToken ct) =>
        TrustWrites.RestoreAsync(s, undo.Entry.RoleArn!, () => undo.Full && undo.Done(s), async (role, live) =>
        {
            var e = undo.Entry;
            var ours = e.Result ?? e.IntendedAfter;
            var onlyUs = PolicyDocument.Same(live, s.View.LastWrittenTrust(role.Arn) ?? ours);
            var laterWrites = s.View.EffectiveForward().Any(x => x.RoleArn == role.Arn && x.Id > e.Id && x.Status == JournalStatus.Succeeded && x.StepKind.IsTrustWrite);
            string target;
            var warnings = new List<string>();
            if (undo.Full && (PolicyDocument.Same(live, ours) || (onlyUs && !laterWrites)))
            {
                target = e.Before!;
            }
            else
            {
                // Only the entries this step added, at the scope it was approved with; a widened statement that the
                // role's other migrated bindings still rely on stays.
                var added = step?.ApprovedTrustScope(s.Plan.Settings) ?? PodIdentityScope.ServiceAccount;
                var edit = s.Ports.Trust.RemovePodIdentity(live, undo.Bindings, added, StillTrusted(s, role.Arn, undo.Bindings));
                if (!edit.Success)
                    return StepResult.Fail($"cannot remove the Pod Identity trust from {role.Arn}: {edit.Error}");
                target = edit.Document;
                if (!onlyUs)
                    warnings.Add($"trust policy of {role.Arn} changed since our write: removed only the Pod Identity trust we added; review the rest");
            }
            var suffix = undo.Full ? null : "/" + string.Join(",", undo.Bindings.Select(k => k.ToString()));
            if (PolicyDocument.Same(live, target))
            {
                await s.RecordAsync(undo.NewEntry(s, RollbackKind.RestoreTrust, suffix) with { Status = JournalStatus.AlreadyDone, Before = live, Result = live, Message = "trust already restored" }, ct);
                return StepResult.Success("trust already restored", warnings.ToArray());
            }
            return await TrustWrites.WriteAsync(s, role, undo.NewEntry(s, RollbackKind.RestoreTrust, suffix), live, target, ct, warnings);
        }, ct);

    /// <summary>Bindings of the role whose Pod Identity trust step is in effect, other than <paramref name="undo"/>.</summary>
    private static List<BindingKey> StillTrusted(ExecutionScope s, string roleArn, IReadOnlyList<BindingKey> undo) =>
        s.View.Snapshot().Where(x => x.Direction == JournalDirection.Forward && x.RoleArn == roleArn && x.StepKind == StepKind.AddPodIdentityTrust
                && x.Status is JournalStatus.Succeeded or JournalStatus.AlreadyDone && !s.View.IsUndone(x.Id))
            .SelectMany(x => UndoRequest.StepOf<AddPodIdentityTrustStep>(s, x)?.Bindings ?? []).Except(undo).Distinct().ToList();
}
