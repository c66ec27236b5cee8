namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Pod Identity passes a role of the cluster's account (iam:PassRole). A role in another account needs role chaining
/// through the association's targetRoleArn (EKS since 2025-06-11), allowed by Assessment:AllowCrossAccountTargetRole.
/// </summary>
internal sealed class CrossAccountRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null || b.Arn.AccountId == b.Key.Cluster.AccountId) yield break;
        var evidence = $"role {b.Arn.Value} is in account {b.Arn.AccountId}; {BindingContext.Describe(b.Key.Cluster)} is in account {b.Key.Cluster.AccountId}";
        if (b.Settings.AllowCrossAccountTargetRole)
        {
            yield return new Finding(ReasonCodes.CrossAccountTargetRole,
                "Cross-account role: migrate through targetRoleArn role chaining",
                evidence,
                $"Create a source role in account {b.Key.Cluster.AccountId} trusting pods.eks.amazonaws.com, make {b.Arn.Value} trust it with sts:AssumeRole + sts:TagSession, "
                + $"and create the association with roleArn=<source role> and targetRoleArn={b.Arn.Value}; coordinate with the owners of account {b.Arn.AccountId}.");
            yield break;
        }
        yield return new Finding(ReasonCodes.CrossAccount,
            "The role is in another account than the cluster",
            evidence,
            $"Keep IRSA, or enable Assessment:AllowCrossAccountTargetRole to plan an association with targetRoleArn={b.Arn.Value} (role chaining through a source role in account {b.Key.Cluster.AccountId}).");
    }
}
