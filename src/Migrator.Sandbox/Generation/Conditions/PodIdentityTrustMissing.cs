namespace Migrator.Sandbox.Conditions;

/// <summary>An association whose role's trust has no pods.eks.amazonaws.com statement (it trusts EC2).</summary>
internal sealed class PodIdentityTrustMissing : PodIdentityIdentity
{
    public override SeededCondition Condition => SeededCondition.PodIdentityTrustMissing;

    protected override string Trust(Cluster cluster, string ns, string sa) =>
        GeneratedTrust.Document([GeneratedTrust.ServiceStatement("ec2.amazonaws.com")], TrustStyle.Console);
}
