namespace Migrator.Core.Planning.Steps;

/// <summary>The role's owner drops this binding's IRSA subject from the assume_role_policy.</summary>
public sealed record TrustSubjectChangeSetStep() : ChangeSetStep(StepKind.TrustSubjectChangeSet)
{
    public required RemoveIrsaTrustSubjectStep Direct { get; init; }
    public override PlanStep DirectStep => Direct;
    private protected override string What => "the role's assume_role_policy without this binding's IRSA subject";
}
