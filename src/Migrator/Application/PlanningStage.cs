using Microsoft.Extensions.Options;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Core.Text;

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
        // The basis (what the plan is decided from) is built from streams: the IRSA ServiceAccounts (owners, and who
        // uses which role), then the verdicts, one at a time. Neither the assessment nor the snapshot's ServiceAccounts
        // are held while it grows; the snapshot is read without them and without the roles' trust policies.
        var basis = await ConsiderAsync(runId, ct);
        // The trust policies of the roles the plan can touch only (most of an estate's roles are not among them), each
        // compacted as it is read: at 200,000 bindings they are 59 MB as strings and 13 MB compacted.
        var trust = new Dictionary<string, CompactText>(StringComparer.Ordinal);
        await foreach (var (arn, text) in inventory.StreamTrustPoliciesAsync(basis.RunId, basis.Roles.Keys, ct))
            trust.TryAdd(arn, CompactText.Of(text));
        basis = basis.WithTrustPolicies(trust);
        trust = null!;
        // The basis is decided: what was read to decide it (every role of the run, the ServiceAccounts' and verdicts'
        // rows, the key index) is garbage, and by now most of it sits in the oldest generation, where it would stay
        // until a background collection, which frees without compacting. A boundary here (one full, compacting
        // collection) lets the plan be cut and written from the basis alone: at 100x the stage's peak 45-55 MB lower.
        await StageBoundary.ReleaseMemoryAsync();
        var plan = Planner.Draft(basis, settings.Value, time.GetUtcNow());
        // The scope the first plan fixes is made once the plan is stored: its ~120,000 memberships at 100x need not be
        // held while the plan's phases are built and written.
        var outcome = await SaveAsync(plan, () => MigrationScope.FixedBy(plan, basis.OnPodIdentity, plan.Header.CreatedAt), ct);
        // This method's state (the basis and the draft, 100 MB at 100x) is let go only once it returns, and when its last
        // await completed on another thread its caller's continuation runs first, inline: the caller's stage boundary
        // found it live (a heap dump: 100 MB left after planning instead of 4).
        (plan, basis) = (null!, null!);
        return outcome;
    }

    private async Task<PlanBasis> ConsiderAsync(long? runId, CancellationToken ct)
    {
        var assessed = await assessments.AssessedRunAsync(runId, ct)
            ?? throw new StageInputException(runId is null
                ? "no assessment is stored yet: run 'migrator inventory' then 'migrator assess' first."
                : $"inventory run {runId} has no assessment: run 'migrator assess --run {runId}' first.");
        var outline = await inventory.LoadSnapshotAsync(assessed, SnapshotParts.Outline, ct)
            ?? throw new StageInputException($"inventory run {assessed} is missing from the state file; run 'migrator inventory' again.");
        var bindings = (await inventory.ListRunsAsync(ct)).FirstOrDefault(r => r.RunId == assessed)?.Bindings ?? 0;
        var builder = new PlanBasisBuilder(assessed, outline.Clusters, outline.Roles, settings.Value, bindings);
        await foreach (var sa in inventory.StreamIrsaServiceAccountsAsync(assessed, ct))
            builder.AddServiceAccount(sa.Key, sa.RoleArn, sa.Owner);
        await foreach (var verdict in assessments.StreamVerdictsAsync(assessed, ct))
            builder.AddVerdict(verdict);
        return builder.Build();
    }

    private async Task<PlanOutcome> SaveAsync(PlanDraft plan, Func<MigrationScope> scope, CancellationToken ct)
    {
        if (await plans.LoadOutlineAsync(plan.Id, ct) is not null)
            throw new StageInputException($"plan {plan.Id} already exists (plans are named after the run and the second they were made); wait a second and retry.");
        await plans.SaveAsync(plan, ct);
        await scopes.FixAsync(scope(), ct);
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
