namespace Migrator.Sandbox.Conditions;

/// <summary>An association with a targetRoleArn whose role trusts EC2, not the source role: EKS cannot chain into it.</summary>
internal sealed class TargetRoleChainBroken : PodIdentityIdentity
{
    public override SeededCondition Condition => SeededCondition.TargetRoleChainBroken;

    protected override void Finish(EstateDraft draft, Account account, Cluster cluster, PodIdentityAssociation association)
    {
        var targetAccount = draft.Estate.Accounts.FirstOrDefault(a => a.Id != account.Id && a.Partition == account.Partition) ?? account;
        association.TargetRoleArn = EstateDraft.AddRole(targetAccount, EstateDraft.Truncate($"{cluster.Name}-{association.Namespace}-{association.ServiceAccount}-target"), "/",
            GeneratedTrust.Document([GeneratedTrust.ServiceStatement("ec2.amazonaws.com")], TrustStyle.Console), [draft.Pick(GeneratedNames.Policies)], eksctl: null);
    }
}
