using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution;

/// <summary>
/// Runs and rolls back approved phases of a plan against the ports, journalling every mutation before making it.
/// Re-running a phase continues from the journal: completed mutations are not repeated, interrupted ones are
/// reconciled from the live state. A failed binding does not stop the wave unless the failure rate passes the
/// threshold; then bindings not yet started are left alone (Halted).
/// Cancelling the token of a run means "stop" (SIGTERM, Ctrl-C): steps already begun finish and journal their outcome,
/// no new step or binding starts, and the run ends with <see cref="OperationCanceledException"/>. The steps themselves
/// are not given the token, so a mutation is never torn between its Started entry and its outcome.
/// </summary>
public sealed class PhaseExecutor
{
    private readonly ExecutionPorts _ports;
    private readonly ExecutionSettings _settings;
    private readonly TimeProvider _time;
    private readonly IExecutionObserver _observer;

    public PhaseExecutor(ExecutionPorts ports, ExecutionSettings settings, TimeProvider time, IExecutionObserver? observer = null)
    {
        _ports = ports;
        _settings = settings;
        _time = time;
        _observer = observer ?? NullExecutionObserver.Instance;
    }

    /// <summary>
    /// Runs phase <paramref name="number"/>. Refuses (<see cref="ExecutionRefusedException"/>) an unknown or unapproved
    /// phase, a migration phase whose clusters' P0 steps are not done, and a cleanup before its bindings' soak ended.
    /// For P0 the outcomes carry one entry per cluster with empty namespace and service account.
    /// </summary>
    /// <param name="overrides">Recorded operator overrides of the cleanup evidence gate.</param>
    public async Task<PhaseRunResult> RunPhaseAsync(MigrationPlan plan, int number, IReadOnlyList<PhaseApproval> approvals, string holder, CancellationToken ct,
        IReadOnlyList<EvidenceOverride>? overrides = null)
    {
        var phase = plan.FindPhase(number) ?? throw new ExecutionRefusedException($"plan {plan.Id} has no phase {number} (phases 0..{plan.Phases.Count - 1}); see 'migrator plan show'");
        var approval = approvals.LastOrDefault(a => a.PlanId == plan.Id && a.Phase == number);
        if (approval is null)
            throw new ExecutionRefusedException($"phase {number} of plan {plan.Id} is not approved: run 'migrator plan approve --phase {number} --by NAME' first");

        await using var planLock = await _ports.Journal.AcquireLockAsync(plan.Id, holder, _time.GetUtcNow(), ct);
        var view = new JournalView(await _ports.Journal.LoadAsync(plan.Id, ct));
        await using var scope = new ExecutionScope(_ports, _settings, _time, _observer, plan, view, ct) { ForceDirect = approval.ForcedDirect };
        var steps = new ForwardSteps(scope);

        if (phase.Kind == PhaseKind.Prerequisites)
            return await RunPrerequisitesAsync(scope, steps, phase, ct);

        RequirePrerequisites(plan, phase, view);
        var eligible = phase.Kind == PhaseKind.Cleanup ? CleanupEligibility(scope, phase) : phase.Steps.SelectMany(st => st.ServedBindings).Distinct().ToDictionary(k => k, _ => (string?)null);
        if (phase.Kind == PhaseKind.Cleanup)
            await CleanupEvidenceGate.HoldAsync(scope, phase, eligible, overrides ?? [], ct);
        if (phase.Kind == PhaseKind.Cleanup && eligible.Count > 0 && eligible.Values.All(why => why is not null))
            return NothingDue(plan, phase, eligible);

        // Role-level steps (one trust write per role per phase) run once, on first need, shared by the role's bindings.
        var roleSteps = phase.Steps.Where(st => st is AddPodIdentityTrustStep or PodIdentityTrustChangeSetStep)
            .ToDictionary(st => st.RoleArn!, st => new Lazy<Task<StepResult>>(() => steps.RunAsync(st, number, CancellationToken.None)), StringComparer.Ordinal);
        var byBinding = phase.Steps.Where(st => st.Binding is not null).GroupBy(st => st.Binding!)
            .OrderBy(g => g.Key, BindingKeyTextOrder.Instance).ToList();

        var outcomes = new List<BindingOutcome>();
        var gate = new object();
        var failed = 0;
        var halted = false;
        var total = byBinding.Count;
        await Parallel.ForEachAsync(byBinding, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _settings.MaxParallelBindings), CancellationToken = ct }, async (group, _) =>
        {
            BindingOutcome outcome;
            lock (gate)
            {
                if (halted)
                {
                    outcomes.Add(new BindingOutcome(group.Key, BindingResult.NotStarted, "wave halted: failure rate passed the threshold", []));
                    return;
                }
            }
            if (eligible.TryGetValue(group.Key, out var why) && why is not null)
                outcome = new BindingOutcome(group.Key, BindingResult.NotStarted, why, []);
            else
                outcome = await Guarded(group.Key, () => RunBindingAsync(group.Key, group.ToList(), roleSteps, steps, number, ct));
            lock (gate)
            {
                outcomes.Add(outcome);
                if (outcome.Result is BindingResult.Failed or BindingResult.Conflict or BindingResult.Drift)
                {
                    failed++;
                    if (!halted && (double)failed / total > _settings.FailureRateThreshold)
                    {
                        halted = true;
                        _observer.OnMessage($"phase {number} halted: {failed} of {total} binding(s) failed (threshold {_settings.FailureRateThreshold:P0})");
                    }
                }
            }
        });

        var ordered = outcomes.OrderBy(o => o.Key, BindingKeyTextOrder.Instance).ToList();
        var awaiting = ordered.Count(o => o.Result == BindingResult.AwaitingExternalChange);
        var status = halted ? PhaseRunStatus.Halted : failed > 0 ? PhaseRunStatus.CompletedWithFailures : awaiting > 0 ? PhaseRunStatus.AwaitingExternalChange : PhaseRunStatus.Completed;
        var messages = halted ? [$"halted after {failed} failure(s) of {total}"] : new List<string>();
        if (awaiting > 0)
            messages.Add($"{awaiting} binding(s) wait for their owners to apply change-sets (see each binding); run 'migrator phase run {number}' again once applied (the worker re-checks on its schedule)");
        return new PhaseRunResult(plan.Id, number, status, ordered, messages);
    }

    /// <summary>Rolls back a phase: for a migration phase also its cleanup (annotations and trust subjects come back first).</summary>
    public async Task<PhaseRunResult> RollbackPhaseAsync(MigrationPlan plan, int number, string holder, CancellationToken ct)
    {
        var phase = plan.FindPhase(number) ?? throw new ExecutionRefusedException($"plan {plan.Id} has no phase {number}");
        if (phase.Kind == PhaseKind.Prerequisites)
            throw new ExecutionRefusedException("phase 0 is not rolled back: the Pod Identity agent add-on is harmless to keep; delete it by hand if you must");
        await using var planLock = await _ports.Journal.AcquireLockAsync(plan.Id, holder, _time.GetUtcNow(), ct);
        var view = new JournalView(await _ports.Journal.LoadAsync(plan.Id, ct));
        await using var scope = new ExecutionScope(_ports, _settings, _time, _observer, plan, view, ct);
        var phases = phase.Kind == PhaseKind.Cleanup
            ? new HashSet<int> { number }
            : plan.Phases.Where(p => p.Number == number || p.CleanupOf == number).Select(p => p.Number).ToHashSet();
        var bindings = view.Snapshot().Where(e => phases.Contains(e.Phase) && e.Binding is not null).Select(e => e.Binding!)
            .Concat(phase.Bindings.Select(b => b.Key)).ToHashSet();
        if (phase.Kind != PhaseKind.Cleanup)
        {
            // Trust subjects removed for these bindings in later cleanups (deferred subjects) come back too.
            phases.UnionWith(plan.Phases.Where(p => p.Kind == PhaseKind.Cleanup).Select(p => p.Number));
        }
        var rollback = new RollbackCoordinator(scope);
        // Stopping reaches the rollback through the scope (no new Started entry, waits end), not through its steps.
        return await rollback.RunAsync(number, phases, bindings, cleanupOnly: phase.Kind == PhaseKind.Cleanup, CancellationToken.None);
    }

    /// <summary>Rolls back one binding across every phase; its role's Pod Identity trust is narrowed to the others.</summary>
    public async Task<PhaseRunResult> RollbackBindingAsync(MigrationPlan plan, BindingKey key, string holder, CancellationToken ct)
    {
        var phase = plan.MigrationPhaseOf(key) ?? throw new ExecutionRefusedException($"{key.Display} is not migrated by plan {plan.Id}");
        await using var planLock = await _ports.Journal.AcquireLockAsync(plan.Id, holder, _time.GetUtcNow(), ct);
        var view = new JournalView(await _ports.Journal.LoadAsync(plan.Id, ct));
        await using var scope = new ExecutionScope(_ports, _settings, _time, _observer, plan, view, ct);
        var rollback = new RollbackCoordinator(scope);
        return await rollback.RunAsync(phase.Number, plan.Phases.Select(p => p.Number).ToHashSet(), new HashSet<BindingKey> { key }, cleanupOnly: false, CancellationToken.None, onlyBinding: key);
    }

    /// <summary>
    /// An unexpected error fails the binding, not the wave; an interruption, cancellation or a lost plan lock (no step
    /// may begin without it) stops the run.
    /// </summary>
    internal static async Task<BindingOutcome> Guarded(BindingKey key, Func<Task<BindingOutcome>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is not (ExecutionInterruptedException or OperationCanceledException or PlanLockLostException))
        {
            return new BindingOutcome(key, BindingResult.Failed, e.Message, []);
        }
    }

    /// <summary>The binding's steps in order; <paramref name="stopping"/> is checked between steps, never inside one.</summary>
    private static async Task<BindingOutcome> RunBindingAsync(BindingKey key, IReadOnlyList<PlanStep> bindingSteps, Dictionary<string, Lazy<Task<StepResult>>> roleSteps, ForwardSteps steps, int number, CancellationToken stopping)
    {
        var warnings = new List<string>();
        foreach (var role in bindingSteps.Select(st => st.RoleArn).Where(r => r is not null).Distinct())
        {
            if (!roleSteps.TryGetValue(role!, out var trust))
                continue;
            stopping.ThrowIfCancellationRequested();
            var r = await trust.Value;
            warnings.AddRange(r.Warnings);
            if (!r.Ok)
                return new BindingOutcome(key, r.Result, r.Message, warnings);
        }
        foreach (var step in bindingSteps)
        {
            stopping.ThrowIfCancellationRequested();
            var r = await steps.RunAsync(step, number, CancellationToken.None);
            warnings.AddRange(r.Warnings);
            if (!r.Ok)
                return new BindingOutcome(key, r.Result, $"{step.Kind}: {r.Message}", warnings);
        }
        return new BindingOutcome(key, BindingResult.Succeeded, "done", warnings);
    }

    private static async Task<PhaseRunResult> RunPrerequisitesAsync(ExecutionScope scope, ForwardSteps steps, Phase phase, CancellationToken ct)
    {
        var outcomes = new List<BindingOutcome>();
        foreach (var step in phase.Steps)
        {
            ct.ThrowIfCancellationRequested();
            var key = new BindingKey(step.Cluster, "", "");
            outcomes.Add(await Guarded(key, async () =>
            {
                var r = await steps.RunAsync(step, phase.Number, CancellationToken.None);
                return new BindingOutcome(key, r.Result, r.Message, r.Warnings);
            }));
        }
        var failed = outcomes.Count(o => o.Result != BindingResult.Succeeded);
        return new PhaseRunResult(scope.Plan.Id, phase.Number, failed > 0 ? PhaseRunStatus.CompletedWithFailures : PhaseRunStatus.Completed, outcomes, []);
    }

    private static void RequirePrerequisites(MigrationPlan plan, Phase phase, JournalView view)
    {
        var clusters = phase.Bindings.Select(b => b.Key.Cluster).ToHashSet();
        var missing = plan.FindPhase(0)?.Steps.Where(st => clusters.Contains(st.Cluster) && !view.InEffect(st.Id)).Select(st => st.Cluster.Key).ToList() ?? [];
        if (missing.Count > 0)
            throw new ExecutionRefusedException($"the Pod Identity agent is not yet in place on {string.Join(", ", missing)}: approve and run phase 0 first");
    }

    /// <summary>A cleanup run when none of its bindings is ready: refused as nothing due, naming what to do first.</summary>
    private static PhaseRunResult NothingDue(MigrationPlan plan, Phase phase, Dictionary<BindingKey, string?> eligible)
    {
        var bindings = eligible.OrderBy(kv => kv.Key, BindingKeyTextOrder.Instance).Select(kv => new BindingOutcome(kv.Key, BindingResult.NotStarted, kv.Value!, [])).ToList();
        var unmigrated = bindings.Count(b => b.Message.StartsWith(NotMigrated, StringComparison.Ordinal));
        var soaking = bindings.Count(b => b.Message.Contains("soak period ends", StringComparison.Ordinal));
        var held = bindings.Count(b => b.Message.StartsWith("not cleaned up: held:", StringComparison.Ordinal));
        var message = unmigrated > 0
            ? $"nothing due: {unmigrated} of {bindings.Count} binding(s) are not migrated and verified yet; run migration phase {phase.CleanupOf} first ('migrator phase run {phase.CleanupOf}'), then this cleanup after its soak"
            : soaking == bindings.Count
                ? $"nothing due: every binding of migration phase {phase.CleanupOf} is still soaking; run this cleanup after the soak ends"
                : held > 0 && held + soaking == bindings.Count
                ? $"nothing due: {held} binding(s) of migration phase {phase.CleanupOf} are held for evidence of the cut-over (CloudTrail; see each binding's reason); run this cleanup again later, or override with 'migrator plan approve --phase {phase.Number} --override-evidence CLUSTER/NS/SA --reason TEXT'"
                : $"nothing due: no binding of migration phase {phase.CleanupOf} is ready for cleanup (see each binding's reason)";
        return new PhaseRunResult(plan.Id, phase.Number, PhaseRunStatus.NothingDue, bindings, [message]);
    }

    private const string NotMigrated = "not cleaned up: its migration is not verified";

    /// <summary>Per binding: null when its cleanup may run, else why not (not migrated, or still soaking).</summary>
    private static Dictionary<BindingKey, string?> CleanupEligibility(ExecutionScope s, Phase phase)
    {
        var result = new Dictionary<BindingKey, string?>();
        foreach (var key in phase.Steps.Where(st => st.Binding is not null).Select(st => st.Binding!).Distinct())
        {
            var source = s.Plan.MigrationPhaseOf(key);
            var verify = source is null ? null : s.View.LatestForward($"p{source.Number}/verify/{key}");
            if (verify is { Status: JournalStatus.VerifyOnNextRun })
            {
                result[key] = $"not cleaned up: {verify.Result}; re-run phase {source!.Number} after the CronJob's next run to verify it";
                continue;
            }
            if (verify is null || !verify.IsDone || s.View.IsUndone(verify.Id))
            {
                result[key] = $"{NotMigrated} (or was rolled back)";
                continue;
            }
            var soakEnds = (verify.CompletedAt ?? verify.StartedAt) + phase.Soak;
            result[key] = s.Now < soakEnds ? $"not cleaned up: soak period ends at {soakEnds:u}" : null;
        }
        return result;
    }
}
