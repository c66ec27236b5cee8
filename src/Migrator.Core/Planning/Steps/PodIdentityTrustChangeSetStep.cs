namespace Migrator.Core.Planning.Steps;

/// <summary>The role's owner adds the pods.eks.amazonaws.com statement for this phase's bindings of the role.</summary>
public sealed record PodIdentityTrustChangeSetStep() : ChangeSetStep(StepKind.PodIdentityTrustChangeSet)
{
    public required AddPodIdentityTrustStep Direct { get; init; }
    public override PlanStep DirectStep => Direct;
    private protected override string What => "the role's assume_role_policy with the scoped pods.eks.amazonaws.com statement";
}
