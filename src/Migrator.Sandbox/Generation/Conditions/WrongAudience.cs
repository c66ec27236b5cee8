namespace Migrator.Sandbox.Conditions;

/// <summary>The ServiceAccount asks for an audience the provider and the trust do not accept.</summary>
internal sealed class WrongAudience : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.WrongAudience;

    protected override void Finish(EstateDraft draft, Cluster cluster, ServiceAccount sa, string roleArn, int round) =>
        sa.Annotations[ServiceAccount.AudienceAnnotation] = "vault.example.com";
}
