namespace Migrator.Core.Planning.Steps;

/// <summary>
/// Bare Pod or Job: the tool cannot recreate it safely; reported for a human. CronJob: nothing to recreate, its next
/// scheduled Job's pods pick up Pod Identity at admission (the verification waits for that run: VerifyOnNextRun).
/// </summary>
public sealed record ManualRestartStep() : WorkloadStep(StepKind.ManualRestart)
{
    public override bool Mutates => false;

    public override string Describe() => Workload.Kind == Inventory.WorkloadKind.CronJob
        ? $"would NOT restart {Named} on {Cluster.Key}: nothing to recreate, the pods of its next scheduled Job pick up Pod Identity at admission (verified once it has run)"
        : $"would NOT restart {Named} on {Cluster.Key}: recreate it by hand so it picks up Pod Identity";

    public override IReadOnlyList<string> ApiCalls() => Workload.Kind == Inventory.WorkloadKind.CronJob
        ? [$"# none: the next scheduled run of {Resource} uses Pod Identity; to run it now: kubectl --context {Cluster.Arn} -n {Workload.Namespace} create job --from={Resource} {Workload.Name}-pod-identity"]
        : [$"# manual: kubectl --context {Cluster.Arn} -n {Workload.Namespace} delete/recreate {Resource}"];
}
