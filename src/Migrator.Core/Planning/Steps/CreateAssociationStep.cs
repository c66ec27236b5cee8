namespace Migrator.Core.Planning.Steps;

/// <summary>CreatePodIdentityAssociation for a binding's ServiceAccount and role.</summary>
public sealed record CreateAssociationStep() : BindingStep(StepKind.CreateAssociation)
{
    public override string Describe() => $"would create a Pod Identity association {Who} -> {RoleArn}";

    public override IReadOnlyList<string> ApiCalls() =>
    [
        $"{Eks} list-pod-identity-associations --cluster-name {Cluster.Name} --namespace {Key.Namespace} --service-account {Key.ServiceAccount}",
        $"{Eks} create-pod-identity-association --cluster-name {Cluster.Name} --namespace {Key.Namespace} --service-account {Key.ServiceAccount} --role-arn {RoleArn}",
    ];
}
