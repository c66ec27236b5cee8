using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Reports a workload the tool does not restart (journalled once as Manual); nothing to undo. A bare Pod or Job must be
/// recreated by hand; a CronJob needs nothing: its next Job's pods pick up Pod Identity at admission.
/// </summary>
internal sealed class ManualRestartRunner : StepRunner<ManualRestartStep>
{
    protected override string? AlreadyDone => null;

    protected override async Task<StepResult> RunAsync(ExecutionScope s, ManualRestartStep step, int phase, CancellationToken ct)
    {
        var message = step.Workload.Kind == Inventory.WorkloadKind.CronJob
            ? $"CronJob {step.Workload.Namespace}/{step.Workload.Name}: nothing to recreate, its next scheduled Job's pods pick up Pod Identity at admission (verified once it has run)"
            : $"{step.Workload.Kind} {step.Workload.Namespace}/{step.Workload.Name} must be recreated by hand to use Pod Identity";
        if (s.View.LatestForward(step.Id) is null)
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, step.Binding, step.RoleArn) with { Status = JournalStatus.Manual, Message = message }, ct);
        return StepResult.Success("manual restart reported", message);
    }
}
