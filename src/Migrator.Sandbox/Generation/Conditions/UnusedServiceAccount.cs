namespace Migrator.Sandbox.Conditions;

/// <summary>Annotated, but no workload or pod uses the ServiceAccount.</summary>
internal sealed class UnusedServiceAccount : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.UnusedServiceAccount;

    protected override bool HasWorkload => false;
}
