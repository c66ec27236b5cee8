namespace Migrator.Core.Planning.Steps;

/// <summary>kubectl rollout restart of a Deployment, StatefulSet or DaemonSet of the binding.</summary>
public sealed record RestartWorkloadStep() : WorkloadStep(StepKind.RestartWorkload)
{
    public override string Describe() => $"would rollout-restart {Named} on {Cluster.Key}";

    public override IReadOnlyList<string> ApiCalls() => [$"kubectl --context {Cluster.Arn} -n {Workload.Namespace} rollout restart {Resource}"];
}
