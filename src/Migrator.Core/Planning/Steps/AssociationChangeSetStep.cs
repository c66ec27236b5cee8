namespace Migrator.Core.Planning.Steps;

/// <summary>The role's owner declares the Pod Identity association (aws_eks_pod_identity_association, podIdentityAssociations).</summary>
public sealed record AssociationChangeSetStep() : ChangeSetStep(StepKind.AssociationChangeSet)
{
    public required CreateAssociationStep Direct { get; init; }
    public override PlanStep DirectStep => Direct;
    private protected override string What => "the Pod Identity association";
}
