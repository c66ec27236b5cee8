using Migrator.Core.Execution.Steps;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>
/// The order of a rollback; each undo belongs to its step's runner (Execution/Steps). Trust subjects and annotations
/// removed by cleanup come back first, then per binding the association goes, the workloads restart (the annotation
/// brings IRSA back) and the IRSA env is verified; the Pod Identity trust is undone last, only for roles whose
/// rolled-back bindings all came back.
/// </summary>
internal sealed class RollbackCoordinator(ExecutionScope s)
{
    public async Task<PhaseRunResult> RunAsync(int number, HashSet<int> phases, HashSet<BindingKey> bindings, bool cleanupOnly, CancellationToken ct, BindingKey? onlyBinding = null)
    {
        var keys = s.Plan.Phases.SelectMany(p => p.Bindings).Select(b => b.Key).Where(bindings.Contains).Distinct().ToList();
        var failures = new Dictionary<BindingKey, BindingOutcome>();
        var warnings = keys.ToDictionary(k => k, _ => new List<string>());

        // a. Trust subjects, newest first and one at a time: each restore expects the document its removal left.
        foreach (var e in Undoable(StepKind.RemoveIrsaTrustSubject, phases, bindings).Concat(Undoable(StepKind.TrustSubjectChangeSet, phases, bindings)).OrderByDescending(e => e.Id))
        {
            var key = e.Binding!;
            if (failures.ContainsKey(key))
                continue;
            var r = await PhaseExecutor.Guarded(key, async () => (await UndoAsync(e, ct)) is var x && x.Ok
                ? new BindingOutcome(key, BindingResult.Succeeded, x.Message, []) : new BindingOutcome(key, x.Result, x.Message, []));
            if (r.Result != BindingResult.Succeeded)
                failures[key] = r;
        }

        // b. Per binding: annotations, association, restarts, IRSA verification.
        var outcomes = new List<BindingOutcome>();
        var gate = new object();
        await Parallel.ForEachAsync(keys.OrderBy(k => k.ToString(), StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, s.Settings.MaxParallelBindings), CancellationToken = ct }, async (key, token) =>
        {
            var outcome = failures.TryGetValue(key, out var f) ? f : await PhaseExecutor.Guarded(key, () => RollbackBindingAsync(key, phases, cleanupOnly, warnings[key], token));
            lock (gate)
                outcomes.Add(outcome);
        });

        // c. Pod Identity trust, newest first, only for roles whose rolled-back bindings all came back to IRSA.
        if (!cleanupOnly)
        {
            var failed = outcomes.Where(o => o.Result != BindingResult.Succeeded).Select(o => o.Key).ToHashSet();
            var trustPhases = onlyBinding is null ? new HashSet<int> { number } : phases;
            foreach (var e in Undoable(StepKind.AddPodIdentityTrust, trustPhases, null).Concat(Undoable(StepKind.PodIdentityTrustChangeSet, trustPhases, null)).OrderByDescending(e => e.Id))
            {
                var served = UndoRequest.StepOf<PlanStep>(s, e)?.ServedBindings.ToList() ?? [];
                var undo = onlyBinding is null ? served : served.Where(b => b == onlyBinding).ToList();
                if (undo.Count == 0)
                    continue;
                if (undo.Any(failed.Contains))
                {
                    foreach (var k in undo.Where(warnings.ContainsKey))
                        warnings[k].Add($"Pod Identity trust of {e.RoleArn} kept: a binding of the role did not roll back");
                    continue;
                }
                StepResult r;
                try
                {
                    r = await StepRunners.For(e.StepKind.Step!.Value).UndoAsync(s, new UndoRequest(e, undo, Full: undo.Count == served.Count && onlyBinding is null), ct);
                }
                catch (Exception x) when (x is not (ExecutionInterruptedException or OperationCanceledException or PlanLockLostException))
                {
                    r = StepResult.Fail($"restoring the trust policy of {e.RoleArn} failed: {x.Message}");
                }
                foreach (var k in undo.Where(warnings.ContainsKey))
                {
                    warnings[k].AddRange(r.Warnings);
                    if (!r.Ok)
                        failures[k] = new BindingOutcome(k, r.Result, r.Message, warnings[k]);
                }
            }
        }

        var final = outcomes.Select(o => failures.TryGetValue(o.Key, out var f) && o.Result == BindingResult.Succeeded ? f : o with { Warnings = warnings[o.Key] })
            .OrderBy(o => o.Key, BindingKeyTextOrder.Instance).ToList();
        var count = final.Count(o => o.Result != BindingResult.Succeeded);
        var awaiting = final.Count(o => o.Result == BindingResult.AwaitingExternalChange);
        var status = count == 0 ? PhaseRunStatus.Completed : count == awaiting ? PhaseRunStatus.AwaitingExternalChange : PhaseRunStatus.CompletedWithFailures;
        return new PhaseRunResult(s.Plan.Id, number, status, final,
            awaiting > 0 ? [$"{awaiting} binding(s) wait for their owners to apply the reverse change-sets; run the same rollback again once applied"] : []);
    }

    /// <summary>Forward entries that may have changed something and are not undone yet: done, or Started and never reconciled.</summary>
    private IEnumerable<JournalEntry> Undoable(StepKind kind, HashSet<int> phases, HashSet<BindingKey>? bindings) =>
        s.View.Snapshot().Where(e => e.Direction == JournalDirection.Forward && e.StepKind == kind && phases.Contains(e.Phase)
            && (bindings is null || (e.Binding is not null && bindings.Contains(e.Binding)))
            && (e.Status == JournalStatus.Succeeded || ((e.IsPending || e.Status == JournalStatus.AwaitingExternalChange) && IsLatest(e)))
            && !s.View.IsUndone(e.Id));

    private bool IsLatest(JournalEntry e) => s.View.LatestForward(e.StepId)?.Id == e.Id;

    /// <summary>The whole undo of a forward entry, by the runner of its step kind.</summary>
    private Task<StepResult> UndoAsync(JournalEntry e, CancellationToken ct) => StepRunners.For(e.StepKind.Step!.Value).UndoAsync(s, UndoRequest.Whole(e), ct);

    private async Task<BindingOutcome> RollbackBindingAsync(BindingKey key, HashSet<int> phases, bool cleanupOnly, List<string> warnings, CancellationToken ct)
    {
        var only = new HashSet<BindingKey> { key };
        foreach (var e in Undoable(StepKind.RemoveIrsaAnnotations, phases, only).Concat(Undoable(StepKind.AnnotationsChangeSet, phases, only)).OrderByDescending(e => e.Id))
        {
            var r = await UndoAsync(e, ct);
            if (!r.Ok)
                return new BindingOutcome(key, r.Result, r.Message, warnings);
        }
        if (cleanupOnly)
            return new BindingOutcome(key, BindingResult.Succeeded, "cleanup rolled back: IRSA annotations and trust subject restored", warnings);

        foreach (var e in Undoable(StepKind.CreateAssociation, phases, only).Concat(Undoable(StepKind.UpdateAddonAssociation, phases, only))
                     .Concat(Undoable(StepKind.AssociationChangeSet, phases, only)).OrderByDescending(e => e.Id))
        {
            var r = await UndoAsync(e, ct);
            if (!r.Ok)
                return new BindingOutcome(key, r.Result, r.Message, warnings);
        }
        // An association that existed before the plan (journalled AlreadyDone) is not ours to delete: the pods keep
        // Pod Identity, so there is nothing to restart or to verify back to IRSA.
        var preExisting = s.View.Snapshot().Any(e => e.Direction == JournalDirection.Forward && e.Binding == key && phases.Contains(e.Phase)
            && e.Status == JournalStatus.AlreadyDone && e.StepKind.IsAssociationWrite);
        if (preExisting)
        {
            warnings.Add("its association existed before this plan and was kept: the pods stay on Pod Identity");
            return new BindingOutcome(key, BindingResult.Succeeded, "rolled back what this plan changed; the pre-existing association was kept", warnings);
        }
        foreach (var e in Undoable(StepKind.RestartWorkload, phases, only).OrderByDescending(e => e.Id))
            await UndoAsync(e, ct);
        var verified = await VerifyPodIdentityRunner.VerifyIrsaAsync(s, key, phases, RestartWorkloadRunner.Restarted(s, key, phases), ct);
        return verified.Ok
            ? new BindingOutcome(key, BindingResult.Succeeded, "rolled back to IRSA", warnings)
            : new BindingOutcome(key, verified.Result, verified.Message, warnings);
    }
}
