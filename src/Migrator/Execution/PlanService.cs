using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Storage.Execution;

namespace Migrator.Execution;

/// <summary>
/// The application side of plans: make one from the stored assessment, find one, and run or roll back its phases
/// with the real ports, the SQLite journal and this process as lock holder. Used by the verbs and the worker.
/// </summary>
public sealed class PlanService(
    IInventoryStore inventory,
    IAssessmentStore assessments,
    IPlanStore plans,
    IExecutionJournal journal,
    IScopeStore scopes,
    IServiceProvider services,
    IOptions<PlanningSettings> planning,
    IOptions<ExecutionSettings> execution,
    TimeProvider time)
{
    public ExecutionSettings Settings => execution.Value;

    public async Task<MigrationPlan> CreateAsync(long? runId, CancellationToken ct)
    {
        var assessment = await assessments.LoadAsync(runId, ct)
            ?? throw new InvalidInputException(runId is null
                ? "no assessment is stored yet: run 'migrator inventory' then 'migrator assess' first."
                : $"inventory run {runId} has no assessment: run 'migrator assess --run {runId}' first.");
        // The planner reads clusters, roles and ServiceAccounts; workloads come with the assessment.
        var snapshot = await inventory.LoadSnapshotAsync(assessment.RunId, SnapshotParts.WithoutPodsAndWorkloads, ct)
            ?? throw new InvalidInputException($"inventory run {assessment.RunId} is missing from the state file; run 'migrator inventory' again.");
        return await CreateAsync(assessment, snapshot, ct);
    }

    /// <summary>
    /// A plan from an assessment and its snapshot already in memory (the main job), stored before it is returned. The
    /// first plan fixes the migration scope; later plans leave it as it is (`migrator scope add` widens it).
    /// </summary>
    public async Task<MigrationPlan> CreateAsync(AssessmentResult assessment, InventorySnapshot snapshot, CancellationToken ct)
    {
        var plan = Planner.Create(assessment, snapshot, planning.Value, time.GetUtcNow());
        if (await plans.LoadOutlineAsync(plan.Id, ct) is not null)
            throw new InvalidInputException($"plan {plan.Id} already exists (plans are named after the run and the second they were made); wait a second and retry.");
        await plans.SaveAsync(plan, ct);
        await scopes.FixAsync(MigrationScope.FixedBy(plan, assessment, plan.CreatedAt), ct);
        return plan;
    }

    public async Task<MigrationPlan> LoadAsync(string? planId, CancellationToken ct) =>
        await plans.LoadAsync(planId, ct)
        ?? throw new InvalidInputException(planId is null
            ? "no plan is stored yet: run 'migrator plan create' first."
            : $"plan {planId} does not exist: 'migrator plan show' shows the latest.");

    public Task<IReadOnlyList<PhaseApproval>> ApprovalsAsync(string planId, CancellationToken ct) => plans.GetApprovalsAsync(planId, ct);

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(string planId, CancellationToken ct) => journal.LoadAsync(planId, ct);

    public async Task<PhaseApproval> ApproveAsync(MigrationPlan plan, int phase, string by, CancellationToken ct)
    {
        if (plan.FindPhase(phase) is null)
            throw new InvalidInputException($"plan {plan.Id} has no phase {phase}: phases are 0..{plan.Phases.Count - 1} ('migrator plan show').");
        if (string.IsNullOrWhiteSpace(by))
            throw new UsageException("--by must name the approver.");
        await plans.ApproveAsync(new PhaseApproval(plan.Id, phase, by.Trim(), time.GetUtcNow()), ct);
        return (await plans.GetApprovalsAsync(plan.Id, ct)).Single(a => a.Phase == phase);
    }

    public PhaseExecutor Executor(MigrationPlan plan, IExecutionObserver? observer = null) => new(
        new ExecutionPorts(Get<IEksApi>(), Get<IIamApi>(), Get<IKubernetesEstate>(), journal, RewriterTrustEditor.For(plan)),
        execution.Value, time, observer);

    public async Task<PhaseRunResult> RunPhaseAsync(MigrationPlan plan, int phase, IExecutionObserver? observer, CancellationToken ct) =>
        await Executor(plan, observer).RunPhaseAsync(plan, phase, await plans.GetApprovalsAsync(plan.Id, ct), LockHolder.Current(), ct);

    public Task<PhaseRunResult> RollbackPhaseAsync(MigrationPlan plan, int phase, IExecutionObserver? observer, CancellationToken ct) =>
        Executor(plan, observer).RollbackPhaseAsync(plan, phase, LockHolder.Current(), ct);

    public Task<PhaseRunResult> RollbackBindingAsync(MigrationPlan plan, BindingKey key, IExecutionObserver? observer, CancellationToken ct) =>
        Executor(plan, observer).RollbackBindingAsync(plan, key, LockHolder.Current(), ct);

    private T Get<T>() where T : notnull => (T)(services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered"));
}
