using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// The role's owner declares the Pod Identity association (Terraform aws_eks_pod_identity_association, eksctl
/// podIdentityAssociations, CloudFormation AWS::EKS::PodIdentityAssociation). Live once EKS lists an association of the
/// ServiceAccount to the role; an association to another role is a Conflict, as for the direct step. Reverse: the
/// association dropped from the owner's configuration, live once EKS lists none to the role.
/// </summary>
internal sealed class AssociationChangeSetRunner : ChangeSetRunner<AssociationChangeSetStep>
{
    protected override RollbackKind UndoKind => RollbackKind.DeleteAssociation;

    protected override async Task<OwnerChangeState> ForwardAsync(ExecutionScope s, AssociationChangeSetStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var associations = await Associations.OfBindingAsync(s, key, ct);
        var live = string.Join(", ", associations.Select(a => $"{a.AssociationId} -> {a.RoleArn}"));
        if (associations.Any(a => a.RoleArn == step.RoleArn))
            return new OwnerChangeState(true, live);
        if (associations.Count > 0 && associations[0] is var other)
        {
            var message = $"{key.Display} already has association {other.AssociationId} to {other.RoleArn}";
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Conflict, Before = live, Message = message }, ct);
            return new OwnerChangeState(false, live, Refused: StepResult.Conflict(message));
        }
        return new OwnerChangeState(false, live, () => Change(s, null, step, phase, $"declare the Pod Identity association {key.Display} -> {step.RoleArn}") with
        {
            Association = new AssociationChange(key.Cluster.Key, key.Cluster.Name, key.Cluster.Region, key.Namespace, key.ServiceAccount, step.RoleArn!, Present: true),
        });
    }

    protected override async Task<OwnerChangeState> ReverseAsync(ExecutionScope s, AssociationChangeSetStep step, UndoRequest undo, CancellationToken ct)
    {
        var key = step.Key;
        var associations = await Associations.OfBindingAsync(s, key, ct);
        var live = string.Join(", ", associations.Select(a => $"{a.AssociationId} -> {a.RoleArn}"));
        if (!associations.Any(a => a.RoleArn == step.RoleArn))
            return new OwnerChangeState(true, live);
        return new OwnerChangeState(false, live, () => Change(s, undo.Entry, step, undo.Entry.Phase, $"drop the Pod Identity association {key.Display} -> {step.RoleArn} (rollback)") with
        {
            Association = new AssociationChange(key.Cluster.Key, key.Cluster.Name, key.Cluster.Region, key.Namespace, key.ServiceAccount, step.RoleArn!, Present: false),
        });
    }
}
