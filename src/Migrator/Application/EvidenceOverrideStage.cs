using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// Records an operator's override of the cleanup evidence gate for one binding of one cleanup phase, with the reason and
/// who gave it (kept with the plan's approvals, shown by the journal entry the gate writes when it uses it).
/// </summary>
public sealed class EvidenceOverrideStage(IEvidenceOverrideStore overrides, TimeProvider time)
{
    public async Task<EvidenceOverride> RecordAsync(MigrationPlan plan, int phase, BindingKey binding, string reason, string by, CancellationToken ct)
    {
        var cleanup = plan.FindPhase(phase) ?? throw new StageInputException($"plan {plan.Id} has no phase {phase}: phases are 0..{plan.Phases.Count - 1} ('migrator plan show').");
        if (cleanup.Kind != PhaseKind.Cleanup)
            throw new StageInputException($"phase {phase} of plan {plan.Id} is not a cleanup: --override-evidence applies to the cleanup phase that removes the binding's IRSA ('migrator plan show').");
        if (cleanup.Steps.All(s => s.Binding != binding))
            throw new StageInputException($"{binding.Display} is not cleaned up by phase {phase} of plan {plan.Id} ('migrator plan show' lists each phase's bindings).");
        if (string.IsNullOrWhiteSpace(reason))
            throw new StageInputException("--reason must say why the evidence is overridden (it is recorded with the approval and journalled).");
        var granted = new EvidenceOverride(plan.Id, phase, binding, reason.Trim(), by.Trim(), time.GetUtcNow());
        await overrides.RecordAsync(granted, ct);
        return granted;
    }
}
