namespace Migrator.Core.Planning.Steps;

/// <summary>Bare Pod, Job or CronJob: the tool cannot recreate it safely; reported for a human.</summary>
public sealed record ManualRestartStep() : WorkloadStep(StepKind.ManualRestart)
{
    public override bool Mutates => false;

    public override string Describe() => $"would NOT restart {Named} on {Cluster.Key}: recreate it by hand so it picks up Pod Identity";

    public override IReadOnlyList<string> ApiCalls() => [$"# manual: kubectl --context {Cluster.Name} -n {Workload.Namespace} delete/recreate {Resource}"];
}
