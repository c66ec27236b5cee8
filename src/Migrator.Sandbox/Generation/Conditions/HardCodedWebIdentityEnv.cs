namespace Migrator.Sandbox.Conditions;

/// <summary>The pod template hard-codes AWS_ROLE_ARN/AWS_WEB_IDENTITY_TOKEN_FILE, which win over Pod Identity in the SDK chain.</summary>
internal sealed class HardCodedWebIdentityEnv : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.HardCodedWebIdentityEnv;

    protected override bool HardCodesWebIdentityEnv => true;
}
