namespace Migrator.Core.Planning.Steps;

/// <summary>The ServiceAccount's owner drops the IRSA annotations (Helm values, kustomize patch).</summary>
public sealed record AnnotationsChangeSetStep() : ChangeSetStep(StepKind.AnnotationsChangeSet)
{
    public required RemoveIrsaAnnotationsStep Direct { get; init; }
    public override PlanStep DirectStep => Direct;
    private protected override string What => "the ServiceAccount without the eks.amazonaws.com annotations";
}
