using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Progress;

namespace Migrator.Application;

/// <summary>
/// Plans: make one from the stored assessment, find one, record approvals. Settings come from section "Planning"
/// (validated at start-up). Reads and writes the state file only; the estate is never touched here.
/// </summary>
public sealed class PlanningStage(
    IInventoryStore inventory,
    IAssessmentStore assessments,
    IPlanStore plans,
    IExecutionJournal journal,
    IScopeStore scopes,
    IOptions<PlanningSettings> settings,
    TimeProvider time)
{
    /// <summary>
    /// A plan from the stored assessment of <paramref name="runId"/> (the latest assessed when null), stored before it is
    /// returned. The first plan fixes the migration scope; later plans leave it as it is (`migrator scope add` widens it).
    /// </summary>
    public async Task<PlanOutcome> CreateAsync(long? runId, CancellationToken ct)
    {
        // The loaded verdicts and snapshot go straight into the plan's basis (what the plan is decided from) and are let
        // go before the plan is cut and its trust rewrites are walked. SQLite's reads complete synchronously, so without
        // the yield this frame would run on to the end with the loaded inputs still referenced from its awaiters;
        // yielding ends the frame, and only the basis goes on.
        var basis = Consider(await LoadInputsAsync(runId, ct));
        await Task.Yield();
        // The trust policies of the roles the plan can touch only: most of an estate's roles are not among them.
        basis = basis.WithTrustPolicies(await inventory.LoadTrustPoliciesAsync(basis.RunId, basis.Roles.Keys, ct));
        var plan = Planner.Draft(basis, settings.Value, time.GetUtcNow());
        return await SaveAsync(plan, MigrationScope.FixedBy(plan, basis.OnPodIdentity, plan.Header.CreatedAt), ct);
    }

    private async Task<(AssessmentResult Assessment, InventorySnapshot Snapshot)> LoadInputsAsync(long? runId, CancellationToken ct)
    {
        // The planner reads verdicts (reasons by code and summary, not their evidence), and clusters, roles (without
        // their trust policies, read once the roles the plan can touch are known) and ServiceAccounts' owners and
        // annotations; workloads and pod counts come with the assessment.
        var assessment = await assessments.LoadVerdictsAsync(runId, ct)
            ?? throw new StageInputException(runId is null
                ? "no assessment is stored yet: run 'migrator inventory' then 'migrator assess' first."
                : $"inventory run {runId} has no assessment: run 'migrator assess --run {runId}' first.");
        var snapshot = await inventory.LoadSnapshotAsync(assessment.RunId, SnapshotParts.WithoutTrustPolicies, ct)
            ?? throw new StageInputException($"inventory run {assessment.RunId} is missing from the state file; run 'migrator inventory' again.");
        return (assessment, snapshot);
    }

    private PlanBasis Consider((AssessmentResult Assessment, InventorySnapshot Snapshot) inputs) =>
        Planner.Consider(inputs.Assessment, inputs.Snapshot, settings.Value);

    private async Task<PlanOutcome> SaveAsync(PlanDraft plan, MigrationScope scope, CancellationToken ct)
    {
        if (await plans.LoadOutlineAsync(plan.Id, ct) is not null)
            throw new StageInputException($"plan {plan.Id} already exists (plans are named after the run and the second they were made); wait a second and retry.");
        await plans.SaveAsync(plan, ct);
        await scopes.FixAsync(scope, ct);
        return PlanOutcome.Of(plan);
    }

    /// <summary>The plan named (the newest when <paramref name="planId"/> is null), or null when there is none.</summary>
    public Task<MigrationPlan?> FindAsync(string? planId, CancellationToken ct) => plans.LoadAsync(planId, ct);

    public async Task<MigrationPlan> LoadAsync(string? planId, CancellationToken ct) =>
        await FindAsync(planId, ct)
        ?? throw new StageInputException(planId is null
            ? "no plan is stored yet: run 'migrator plan create' first."
            : $"plan {planId} does not exist: 'migrator plan show' shows the latest.");

    public Task<IReadOnlyList<PhaseApproval>> ApprovalsAsync(string planId, CancellationToken ct) => plans.GetApprovalsAsync(planId, ct);

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(string planId, CancellationToken ct) => journal.LoadAsync(planId, ct);

    /// <summary>Records the approval of one phase by <paramref name="by"/> (a name, already checked non-blank by the caller).</summary>
    /// <param name="forceDirect">Owners or bindings whose change-set steps run directly in this phase; each must name one of the phase's.</param>
    public async Task<PhaseApproval> ApproveAsync(MigrationPlan plan, int phase, string by, CancellationToken ct, IReadOnlyList<string>? forceDirect = null)
    {
        if (plan.FindPhase(phase) is not { } found)
            throw new StageInputException($"plan {plan.Id} has no phase {phase}: phases are 0..{plan.Phases.Count - 1} ('migrator plan show').");
        var forced = (forceDirect ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (Core.Ownership.DirectOverride.Unmatched(forced, found) is { Count: > 0 } unmatched)
        {
            var owners = found.Steps.OfType<Core.Planning.Steps.ChangeSetStep>().Select(st => st.Owner).Distinct()
                .Select(o => o.Name is null ? o.Kind.ToString().ToLowerInvariant() : $"{o.Kind.ToString().ToLowerInvariant()}:{o.Name}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            throw new StageInputException($"--force-direct {string.Join(", ", unmatched)}: names no owner or binding of a change-set step in phase {phase}. "
                + (owners.Count == 0 ? "The phase has no change-set steps." : $"Use an owner kind or owner ({string.Join(", ", owners)}) or a binding CLUSTER/NS/SA of the phase."));
        }
        await plans.ApproveAsync(new PhaseApproval(plan.Id, phase, by.Trim(), time.GetUtcNow(), forced), ct);
        return (await plans.GetApprovalsAsync(plan.Id, ct)).Single(a => a.Phase == phase);
    }
}
