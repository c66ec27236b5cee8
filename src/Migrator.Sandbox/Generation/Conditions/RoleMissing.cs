namespace Migrator.Sandbox.Conditions;

/// <summary>The annotated role does not exist.</summary>
internal sealed class RoleMissing : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.RoleMissing;

    protected override bool CreatesRole => false;
}
