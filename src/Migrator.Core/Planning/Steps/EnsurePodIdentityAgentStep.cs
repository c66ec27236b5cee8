namespace Migrator.Core.Planning.Steps;

/// <summary>P0: the eks-pod-identity-agent add-on installed and ACTIVE on a cluster (created when missing).</summary>
public sealed record EnsurePodIdentityAgentStep() : PlanStep(StepKind.EnsurePodIdentityAgent)
{
    public string? AddonName { get; init; }

    public override string Describe() =>
        $"would ensure the eks-pod-identity-agent add-on is ACTIVE on {Cluster.Key} (create it if missing)";

    public override IReadOnlyList<string> ApiCalls() =>
    [
        $"{Eks} describe-addon --cluster-name {Cluster.Name} --addon-name eks-pod-identity-agent",
        $"{Eks} create-addon --cluster-name {Cluster.Name} --addon-name eks-pod-identity-agent   # only when missing",
    ];
}
