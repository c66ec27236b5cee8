using Migrator.Core.Execution;
using Migrator.Core.Planning;

namespace Migrator.Core.Ports;

/// <summary>Stored plans and their phase approvals (SQLite, migration 003).</summary>
public interface IPlanStore
{
    /// <summary>Stores a plan phase by phase as its phases are built: the whole plan is never held.</summary>
    Task SaveAsync(PlanDraft plan, CancellationToken ct);
    Task SaveAsync(MigrationPlan plan, CancellationToken ct) => SaveAsync(PlanDraft.Of(plan), ct);
    /// <summary>The plan with this id, or the newest plan when <paramref name="planId"/> is null; null when none.</summary>
    Task<MigrationPlan?> LoadAsync(string? planId, CancellationToken ct);
    /// <summary>The plan's phases and step ids only (for each step's state); null when no such plan.</summary>
    Task<PlanOutline?> LoadOutlineAsync(string planId, CancellationToken ct);
    /// <summary>
    /// The plan's phases with their step counts, without step ids (progress counted from the journal: a 189,000-binding
    /// plan has 600,000 step ids); null when no such plan.
    /// </summary>
    Task<PlanOutline?> LoadPhasesAsync(string planId, CancellationToken ct) => LoadOutlineAsync(planId, ct);
    /// <summary>The plan's bindings, phase by phase, without its steps; null when no such plan.</summary>
    async Task<IReadOnlyList<PlannedBinding>?> LoadPlannedBindingsAsync(string planId, CancellationToken ct) =>
        (await LoadAsync(planId, ct))?.Phases.SelectMany(p => p.Bindings).ToList();
    Task<IReadOnlyList<PlanSummary>> ListAsync(CancellationToken ct);
    /// <summary>Records an approval; approving a phase again keeps the first approval.</summary>
    Task ApproveAsync(PhaseApproval approval, CancellationToken ct);
    Task<IReadOnlyList<PhaseApproval>> GetApprovalsAsync(string planId, CancellationToken ct);
}

public sealed record PlanSummary(string PlanId, long RunId, DateTimeOffset CreatedAt, int PhaseCount);
