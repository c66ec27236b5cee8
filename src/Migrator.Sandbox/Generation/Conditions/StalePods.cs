namespace Migrator.Sandbox.Conditions;

/// <summary>Pods started before the annotation was added: they run without the IRSA env (node role fallback).</summary>
internal sealed class StalePods : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.StalePods;

    protected override bool PodsPredateAnnotation => true;
}
