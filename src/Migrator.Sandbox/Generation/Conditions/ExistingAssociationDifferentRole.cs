namespace Migrator.Sandbox.Conditions;

/// <summary>A Pod Identity association to another role exists: new pods get that role, not the annotated one.</summary>
internal sealed class ExistingAssociationDifferentRole : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.ExistingAssociationDifferentRole;

    protected override void Finish(EstateDraft draft, Cluster cluster, ServiceAccount sa, string roleArn, int round)
    {
        var account = draft.AccountOf(cluster);
        var other = EstateDraft.AddRole(account, $"{sa.Namespace}-{sa.Name}-pod-identity", "/", GeneratedTrust.Document([GeneratedTrust.PodIdentityStatement()], TrustStyle.Console),
            [draft.Pick(GeneratedNames.Policies)], eksctl: null);
        draft.Associate(cluster, sa, other);
    }
}
