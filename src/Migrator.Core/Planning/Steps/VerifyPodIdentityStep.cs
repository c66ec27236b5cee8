namespace Migrator.Core.Planning.Steps;

/// <summary>Rollouts complete; new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI and not AWS_ROLE_ARN.</summary>
public sealed record VerifyPodIdentityStep() : BindingStep(StepKind.VerifyPodIdentity)
{
    public override bool Mutates => false;

    public override string Describe() =>
        $"would wait for the rollouts of {Who} and verify new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI and not AWS_ROLE_ARN";

    public override IReadOnlyList<string> ApiCalls() =>
    [
        $"kubectl --context {Cluster.Arn} -n {Key.Namespace} rollout status ...   # each restarted workload",
        $"kubectl --context {Cluster.Arn} -n {Key.Namespace} get pods   # serviceAccountName={Key.ServiceAccount}; env AWS_CONTAINER_CREDENTIALS_FULL_URI present, AWS_ROLE_ARN absent",
    ];
}
