namespace Migrator.Sandbox.Conditions;

/// <summary>The role-arn annotation is not a valid role ARN; each round breaks it another way.</summary>
internal sealed class MalformedAnnotation : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.MalformedAnnotation;

    protected override void Finish(EstateDraft draft, Cluster cluster, ServiceAccount sa, string roleArn, int round) =>
        sa.Annotations[ServiceAccount.RoleArnAnnotation] = (round % 4) switch
        {
            0 => roleArn.Replace("iam::", "iam:", StringComparison.Ordinal),
            1 => roleArn[(roleArn.LastIndexOf('/') + 1)..],
            2 => roleArn + " ",
            _ => roleArn.Replace(":role/", ":user/", StringComparison.Ordinal),
        };
}
