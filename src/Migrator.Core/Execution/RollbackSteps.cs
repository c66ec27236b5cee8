using Migrator.Core.Assessment;
using System.Text.Json;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution;

/// <summary>
/// Rollback from the journal: trust subjects and annotations removed by cleanup come back first, then the association
/// goes, the workloads restart (the annotation brings IRSA back) and the IRSA env is verified; the Pod Identity trust
/// is undone last. Trust restore is the exact before-state when the document is unchanged since our write, otherwise
/// only what we added is removed and the drift is reported. Every undo is journalled like a forward step.
/// </summary>
internal sealed class RollbackSteps(ExecutionScope s, MigrationPlan plan)
{
    public async Task<PhaseRunResult> RunAsync(int number, HashSet<int> phases, HashSet<BindingKey> bindings, bool cleanupOnly, CancellationToken ct, BindingKey? onlyBinding = null)
    {
        var keys = plan.Phases.SelectMany(p => p.Bindings).Select(b => b.Key).Where(bindings.Contains).Distinct().ToList();
        var failures = new Dictionary<BindingKey, BindingOutcome>();
        var warnings = keys.ToDictionary(k => k, _ => new List<string>());

        // a. Trust subjects, newest first and one at a time: each restore expects the document its removal left.
        foreach (var e in Undoable(StepKind.RemoveIrsaTrustSubject, phases, bindings).OrderByDescending(e => e.Id))
        {
            var key = e.Binding!;
            if (failures.ContainsKey(key))
                continue;
            var r = await PhaseExecutor.Guarded(key, async () => (await RestoreSubjectAsync(e, ct)) is var x && x.Ok
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
            foreach (var e in Undoable(StepKind.AddPodIdentityTrust, trustPhases, null).OrderByDescending(e => e.Id))
            {
                var step = StepOf(e);
                var served = step?.Bindings ?? [];
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
                    r = await UndoTrustAsync(e, undo, full: undo.Count == served.Count && onlyBinding is null, ct);
                }
                catch (Exception x) when (x is not (ExecutionInterruptedException or OperationCanceledException))
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
            .OrderBy(o => o.Key.ToString(), StringComparer.Ordinal).ToList();
        var count = final.Count(o => o.Result != BindingResult.Succeeded);
        return new PhaseRunResult(plan.Id, number, count == 0 ? PhaseRunStatus.Completed : PhaseRunStatus.CompletedWithFailures, final, []);
    }

    /// <summary>Forward entries that may have changed something and are not undone yet: done, or Started and never reconciled.</summary>
    private IEnumerable<JournalEntry> Undoable(StepKind kind, HashSet<int> phases, HashSet<BindingKey>? bindings) =>
        s.View.Snapshot().Where(e => e.Direction == JournalDirection.Forward && e.StepKind == kind && phases.Contains(e.Phase)
            && (bindings is null || (e.Binding is not null && bindings.Contains(e.Binding)))
            && (e.Status == JournalStatus.Succeeded || (e.IsPending && IsLatest(e)))
            && !s.View.IsUndone(e.Id));

    private bool IsLatest(JournalEntry e) => s.View.LatestForward(e.StepId)?.Id == e.Id;

    private PlanStep? StepOf(JournalEntry e) => plan.FindPhase(e.Phase)?.Steps.FirstOrDefault(st => st.Id == e.StepId);

    private bool RolledBack(JournalEntry e) => s.View.LatestRollbackOf(e.Id) is { IsDone: true };

    private JournalEntry UndoEntry(JournalEntry e, RollbackKind kind, string? suffix = null) =>
        s.NewEntry(e.Phase, $"rollback/{e.StepId}{suffix}", kind, null, e.RoleArn, JournalDirection.Rollback) with { Binding = e.Binding, UndoesEntryId = suffix is null ? e.Id : null };

    private async Task<BindingOutcome> RollbackBindingAsync(BindingKey key, HashSet<int> phases, bool cleanupOnly, List<string> warnings, CancellationToken ct)
    {
        var only = new HashSet<BindingKey> { key };
        foreach (var e in Undoable(StepKind.RemoveIrsaAnnotations, phases, only).OrderByDescending(e => e.Id))
        {
            var r = await RestoreAnnotationsAsync(key, e, ct);
            if (!r.Ok)
                return new BindingOutcome(key, r.Result, r.Message, warnings);
        }
        if (cleanupOnly)
            return new BindingOutcome(key, BindingResult.Succeeded, "cleanup rolled back: IRSA annotations and trust subject restored", warnings);

        foreach (var e in Undoable(StepKind.CreateAssociation, phases, only).Concat(Undoable(StepKind.UpdateAddonAssociation, phases, only)).OrderByDescending(e => e.Id))
        {
            var r = e.StepKind == StepKind.CreateAssociation ? await DeleteAssociationAsync(key, e, ct) : await RemoveAddonAssociationAsync(key, e, ct);
            if (!r.Ok)
                return new BindingOutcome(key, r.Result, r.Message, warnings);
        }
        // An association that existed before the plan (journalled AlreadyDone) is not ours to delete: the pods keep
        // Pod Identity, so there is nothing to restart or to verify back to IRSA.
        var preExisting = s.View.Snapshot().Any(e => e.Direction == JournalDirection.Forward && e.Binding == key && phases.Contains(e.Phase)
            && e.Status == JournalStatus.AlreadyDone && e.StepKind.Step is StepKind.CreateAssociation or StepKind.UpdateAddonAssociation);
        if (preExisting)
        {
            warnings.Add("its association existed before this plan and was kept: the pods stay on Pod Identity");
            return new BindingOutcome(key, BindingResult.Succeeded, "rolled back what this plan changed; the pre-existing association was kept", warnings);
        }
        foreach (var e in Undoable(StepKind.RestartWorkload, phases, only).OrderByDescending(e => e.Id))
        {
            if (StepOf(e)?.Workload is { } w)
                await RestartAsync(key, e, w, ct);
        }
        // Every workload the migration restarted, including those a previous (interrupted) rollback already restarted.
        var restarted = s.View.Snapshot().Where(e => e.Direction == JournalDirection.Forward && e.Binding == key && phases.Contains(e.Phase)
                && e.StepKind == StepKind.RestartWorkload && e.IsDone)
            .Select(e => StepOf(e)?.Workload).OfType<WorkloadRef>().Distinct().ToList();
        var verified = await VerifyIrsaAsync(key, phases, restarted, ct);
        return verified.Ok
            ? new BindingOutcome(key, BindingResult.Succeeded, "rolled back to IRSA", warnings)
            : new BindingOutcome(key, verified.Result, verified.Message, warnings);
    }

    private async Task<StepResult> RestoreSubjectAsync(JournalEntry e, CancellationToken ct)
    {
        var role = plan.FindRole(e.RoleArn!)!;
        var gate = s.RoleLock(role.Arn);
        await gate.WaitAsync(ct);
        try
        {
            if (RolledBack(e))
                return StepResult.Success("already restored");
            var live = await TrustWrites.ReadAsync(s, role, ct);
            if (live is null)
                return StepResult.Fail($"role {role.Arn} no longer exists");
            var ours = e.Result ?? e.IntendedAfter;
            if (TrustDocuments.Same(live, e.Before))
            {
                await s.RecordAsync(UndoEntry(e, RollbackKind.RestoreTrust) with { Status = JournalStatus.AlreadyDone, Before = live, Result = live, Message = "trust subject already present" }, ct);
                return StepResult.Success("trust subject already present");
            }
            if (!TrustDocuments.Same(live, ours))
            {
                var message = $"trust policy of {role.Arn} changed since our cleanup wrote it: the IRSA subject was NOT restored (the document before cleanup is journal entry {e.Id}); association kept";
                await s.RecordAsync(UndoEntry(e, RollbackKind.RestoreTrust) with { Status = JournalStatus.Drift, Before = live, IntendedAfter = e.Before, Message = message }, ct);
                return StepResult.Drift(message);
            }
            return await TrustWrites.WriteAsync(s, role, UndoEntry(e, RollbackKind.RestoreTrust), live, e.Before!, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<StepResult> UndoTrustAsync(JournalEntry e, IReadOnlyList<BindingKey> undo, bool full, CancellationToken ct)
    {
        var role = plan.FindRole(e.RoleArn!)!;
        var gate = s.RoleLock(role.Arn);
        await gate.WaitAsync(ct);
        try
        {
            if (full && RolledBack(e))
                return StepResult.Success("already restored");
            var live = await TrustWrites.ReadAsync(s, role, ct);
            if (live is null)
                return StepResult.Fail($"role {role.Arn} no longer exists");
            var ours = e.Result ?? e.IntendedAfter;
            var onlyUs = TrustDocuments.Same(live, s.View.LastWrittenTrust(role.Arn) ?? ours);
            var laterWrites = s.View.EffectiveForward().Any(x => x.RoleArn == role.Arn && x.Id > e.Id && x.Status == JournalStatus.Succeeded && x.StepKind.IsTrustWrite);
            string target;
            var warnings = new List<string>();
            if (full && (TrustDocuments.Same(live, ours) || (onlyUs && !laterWrites)))
            {
                target = e.Before!;
            }
            else
            {
                // Only the entries this step added, at the scope it was approved with; a widened statement that the
                // role's other migrated bindings still rely on stays.
                var added = StepOf(e)?.ApprovedTrustScope(plan.Settings) ?? PodIdentityScope.ServiceAccount;
                var edit = s.Ports.Trust.RemovePodIdentity(live, undo, added, StillTrusted(role.Arn, undo));
                if (!edit.Success)
                    return StepResult.Fail($"cannot remove the Pod Identity trust from {role.Arn}: {edit.Error}");
                target = edit.Document;
                if (!onlyUs)
                    warnings.Add($"trust policy of {role.Arn} changed since our write: removed only the Pod Identity trust we added; review the rest");
            }
            var suffix = full ? null : "/" + string.Join(",", undo.Select(k => k.ToString()));
            if (TrustDocuments.Same(live, target))
            {
                await s.RecordAsync(UndoEntry(e, RollbackKind.RestoreTrust, suffix) with { Status = JournalStatus.AlreadyDone, Before = live, Result = live, Message = "trust already restored" }, ct);
                return StepResult.Success("trust already restored", warnings.ToArray());
            }
            var r = await TrustWrites.WriteAsync(s, role, UndoEntry(e, RollbackKind.RestoreTrust, suffix), live, target, ct, warnings);
            return r;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Bindings of the role whose Pod Identity trust step is in effect, other than <paramref name="undo"/>.</summary>
    private List<BindingKey> StillTrusted(string roleArn, IReadOnlyList<BindingKey> undo) =>
        s.View.Snapshot().Where(x => x.Direction == JournalDirection.Forward && x.RoleArn == roleArn && x.StepKind == StepKind.AddPodIdentityTrust
                && x.Status is JournalStatus.Succeeded or JournalStatus.AlreadyDone && !s.View.IsUndone(x.Id))
            .SelectMany(x => StepOf(x)?.Bindings ?? []).Except(undo).Distinct().ToList();

    private async Task<StepResult> RestoreAnnotationsAsync(BindingKey key, JournalEntry e, CancellationToken ct)
    {
        if (RolledBack(e))
            return StepResult.Success("already restored");
        var before = JsonSerializer.Deserialize<Dictionary<string, string>>(e.Before ?? "{}") ?? [];
        var sa = await s.Kube(key.Cluster, (k, t) => k.GetServiceAccountAsync(key.Namespace, key.ServiceAccount, t), ct);
        if (sa is null)
            return StepResult.Fail($"ServiceAccount {key.Display} no longer exists: annotations not restored");
        var clash = before.Where(kv => sa.Annotations.TryGetValue(kv.Key, out var v) && v != kv.Value).Select(kv => kv.Key).ToList();
        if (clash.Count > 0)
        {
            var message = $"annotation(s) {string.Join(", ", clash)} of {key.Display} were changed by someone else since cleanup: not overwritten; association kept";
            await s.RecordAsync(UndoEntry(e, RollbackKind.RestoreAnnotations) with { Status = JournalStatus.Drift, Message = message }, ct);
            return StepResult.Drift(message);
        }
        var missing = before.Where(kv => !sa.Annotations.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        if (missing.Count == 0)
        {
            await s.RecordAsync(UndoEntry(e, RollbackKind.RestoreAnnotations) with { Status = JournalStatus.AlreadyDone, Message = "annotations already present" }, ct);
            return StepResult.Success("annotations already present");
        }
        var entry = await s.BeginAsync(UndoEntry(e, RollbackKind.RestoreAnnotations) with { Before = JsonSerializer.Serialize(sa.Annotations), IntendedAfter = e.Before }, ct);
        await s.MutateAsync(entry, c => s.Kube(key.Cluster, (k, t) => k.PatchServiceAccountAnnotationsAsync(key.Namespace, key.ServiceAccount, missing, t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, e.Before, $"restored {string.Join(", ", missing.Keys)}", ct);
        return StepResult.Success("annotations restored");
    }

    /// <summary>
    /// Deletes the association the forward entry created, found by the id it journalled (or, for a create interrupted
    /// before its outcome, by the step's tags). "Not found" within the consistency window since the create is doubt
    /// (EKS eventual consistency): polled until visible. A read that keeps failing fails the binding, so its Pod
    /// Identity trust stays.
    /// </summary>
    private async Task<StepResult> DeleteAssociationAsync(BindingKey key, JournalEntry e, CancellationToken ct)
    {
        if (RolledBack(e))
            return StepResult.Success("already deleted");
        var scope = ExecutionScope.ScopeOf(key.Cluster);
        var interrupted = s.View.LatestRollbackOf(e.Id) is { IsPending: true } p ? p : null;
        var what = e.Result is null ? $"the association created by {e.StepId}" : $"association {e.Result}";
        AssociationDescription? ours;
        try
        {
            ours = await EksEventualConsistency.UntilVisibleAsync(s, e.CompletedAt ?? e.StartedAt, what, c => FindCreatedAsync(key, e, c), ct);
        }
        catch (Exception x) when (x is not (ExecutionInterruptedException or OperationCanceledException))
        {
            var message = $"could not settle whether {what} still exists ({x.Message}): not deleted; the Pod Identity trust is kept";
            await s.RecordAsync(UndoEntry(e, RollbackKind.DeleteAssociation) with { Status = JournalStatus.Failed, Message = message }, ct);
            return StepResult.Fail(message);
        }
        if (interrupted is not null)
        {
            await s.CompleteAsync(interrupted, ours is null ? JournalStatus.Succeeded : JournalStatus.Abandoned, ours is null ? "null" : null,
                ours is null ? "reconciled after an interruption: association had been deleted" : "reconciled after an interruption: association still exists; deleting", ct, afterMutation: false);
            if (ours is null)
                return StepResult.Success("association deleted (reconciled)");
        }
        if (ours is null)
        {
            var message = $"{what} not present (not visible within {s.Settings.ConsistencyWindow} of its creation)";
            await s.RecordAsync(UndoEntry(e, RollbackKind.DeleteAssociation) with { Status = JournalStatus.AlreadyDone, Message = message }, ct);
            return StepResult.Success(message);
        }
        if (ours.RoleArn != e.RoleArn)
        {
            var message = $"association {ours.AssociationId} now points to {ours.RoleArn}, not {e.RoleArn}: changed by someone else, left alone";
            await s.RecordAsync(UndoEntry(e, RollbackKind.DeleteAssociation) with { Status = JournalStatus.Drift, Before = Json(ours), Message = message }, ct);
            return StepResult.Drift(message);
        }
        var entry = await s.BeginAsync(UndoEntry(e, RollbackKind.DeleteAssociation) with { Before = Json(ours), IntendedAfter = "null" }, ct);
        try
        {
            await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.DeletePodIdentityAssociationAsync(scope, key.Cluster.Name, ours.AssociationId, t), c), ct);
        }
        catch (AwsApiException x) when (x.ErrorCode == "ResourceNotFoundException")
        {
            // Deleted meanwhile: the goal is reached (MutateAsync marked the entry Failed; record the undo as done).
            await s.RecordAsync(UndoEntry(e, RollbackKind.DeleteAssociation) with { Status = JournalStatus.AlreadyDone, Message = "association was already deleted" }, ct);
            return StepResult.Success("association already deleted");
        }
        await s.CompleteAsync(entry, JournalStatus.Succeeded, "null", $"deleted association {ours.AssociationId}", ct);
        return StepResult.Success("association deleted");
    }

    /// <summary>The association a forward create entry made, if EKS shows it now: by journalled id, else by the step's tags.</summary>
    private async Task<AssociationDescription?> FindCreatedAsync(BindingKey key, JournalEntry e, CancellationToken ct)
    {
        var scope = ExecutionScope.ScopeOf(key.Cluster);
        if (e.Result is { } id)
        {
            try
            {
                return await s.Eks(t => s.Ports.Eks.DescribePodIdentityAssociationAsync(scope, key.Cluster.Name, id, t), ct);
            }
            catch (AwsApiException x) when (x.ErrorCode == "ResourceNotFoundException")
            {
                return null;
            }
        }
        var list = await s.Eks(t => s.Ports.Eks.ListPodIdentityAssociationsAsync(scope, key.Cluster.Name, key.Namespace, key.ServiceAccount, t), ct);
        foreach (var a in list.Where(a => a.Namespace == key.Namespace && a.ServiceAccount == key.ServiceAccount))
        {
            var d = await s.Eks(t => s.Ports.Eks.DescribePodIdentityAssociationAsync(scope, key.Cluster.Name, a.AssociationId, t), ct);
            // Tagged by this step; or, created before step tags existed, tagged by this plan with our role.
            if (AssociationTags.CreatedBy(d, plan.Id, e.StepId)
                || (d.RoleArn == e.RoleArn && d.Tags.GetValueOrDefault(AssociationTags.Plan) == plan.Id && !d.Tags.ContainsKey(AssociationTags.Step)))
                return d;
        }
        return null;
    }

    private static string Json(AssociationDescription a) => JsonSerializer.Serialize(new { a.AssociationId, a.Namespace, a.ServiceAccount, a.RoleArn });

    private async Task<StepResult> RemoveAddonAssociationAsync(BindingKey key, JournalEntry e, CancellationToken ct)
    {
        if (RolledBack(e))
            return StepResult.Success("already removed");
        var step = StepOf(e);
        var current = await AddonAssociations.ReadAsync(s, key.Cluster, step!.AddonName!, ct) ?? [];
        var target = current.Where(a => !(a.ServiceAccount == key.ServiceAccount && a.RoleArn == e.RoleArn)).ToList();
        if (target.Count == current.Count)
        {
            await s.RecordAsync(UndoEntry(e, RollbackKind.RemoveAddonAssociation) with { Status = JournalStatus.AlreadyDone, Message = "add-on association not present" }, ct);
            return StepResult.Success("add-on association not present");
        }
        var entry = await s.BeginAsync(UndoEntry(e, RollbackKind.RemoveAddonAssociation) with { Before = JsonSerializer.Serialize(current), IntendedAfter = JsonSerializer.Serialize(target) }, ct);
        await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.UpdateAddonPodIdentityAsync(ExecutionScope.ScopeOf(key.Cluster), key.Cluster.Name, step.AddonName!, target, t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, JsonSerializer.Serialize(target), $"removed {key.ServiceAccount} from add-on {step.AddonName}", ct);
        return StepResult.Success("add-on association removed");
    }

    private async Task RestartAsync(BindingKey key, JournalEntry e, WorkloadRef w, CancellationToken ct)
    {
        if (RolledBack(e))
            return;
        if (s.View.LatestRollbackOf(e.Id) is { IsPending: true } pending)
        {
            var pods = (await Pods.OfBindingAsync(s, key, ct)).Where(p => Pods.OwnedBy(p, w)).ToList();
            if (pods.Count > 0 && pods.All(Pods.OnIrsa))
            {
                await s.CompleteAsync(pending, JournalStatus.Succeeded, null, "reconciled: pods already back on IRSA", ct, afterMutation: false);
                return;
            }
            await s.CompleteAsync(pending, JournalStatus.Abandoned, null, "reconciled: restart not observed; restarting", ct, afterMutation: false);
        }
        var at = s.Now;
        var entry = await s.BeginAsync(UndoEntry(e, RollbackKind.RestartWorkload) with { IntendedAfter = $"kubectl.kubernetes.io/restartedAt={at:O}" }, ct);
        await s.MutateAsync(entry, c => s.Kube(key.Cluster, async (k, t) => { await k.RestartWorkloadAsync(w.Kind, w.Namespace, w.Name, at, t); return true; }, c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, at.ToString("O"), $"restarted {w.Kind} {w.Namespace}/{w.Name}", ct);
    }

    private async Task<StepResult> VerifyIrsaAsync(BindingKey key, HashSet<int> phases, IReadOnlyList<WorkloadRef> restarted, CancellationToken ct)
    {
        var verify = s.View.Snapshot().LastOrDefault(e => e.Direction == JournalDirection.Forward && e.Binding == key
            && e.StepKind == StepKind.VerifyPodIdentity && phases.Contains(e.Phase) && (e.IsDone || e.Status == JournalStatus.VerifyOnNextRun) && !s.View.IsUndone(e.Id));
        var detail = "";
        for (var attempt = 1; attempt <= Math.Max(1, s.Settings.VerifyAttempts); attempt++)
        {
            if (attempt > 1)
                await s.DelayAsync(s.Settings.VerifyInterval, ct);
            (var ok, detail) = await Pods.CheckAsync(s, key, restarted, Pods.OnIrsa, ct);
            if (!ok)
                continue;
            var entry = s.NewEntry(verify?.Phase ?? 0, $"rollback/verify/{key}", RollbackKind.VerifyIrsa, key, verify?.RoleArn, JournalDirection.Rollback) with
            {
                UndoesEntryId = verify?.Id,
                Status = JournalStatus.Succeeded,
                Message = $"{restarted.Count} workload(s) back on IRSA",
            };
            await s.RecordAsync(entry, ct);
            return StepResult.Success("IRSA env verified");
        }
        return StepResult.Fail($"rollback of {key.Display}: pods not back on IRSA: {detail}");
    }
}
