namespace Migrator.Sandbox.Conditions;

/// <summary>A Pod Identity association to the same role already exists, and the role trusts pods.eks.amazonaws.com.</summary>
internal sealed class ExistingAssociationSameRole : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.ExistingAssociationSameRole;

    protected override bool TrustsPodIdentity => true;

    protected override void Finish(EstateDraft draft, Cluster cluster, ServiceAccount sa, string roleArn, int round) =>
        draft.Associate(cluster, sa, roleArn);
}
