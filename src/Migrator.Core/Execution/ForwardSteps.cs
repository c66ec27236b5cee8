using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Trust;

namespace Migrator.Core.Execution;

/// <summary>
/// The forward steps. Each is idempotent: it reads the live state first, skips what is already done, reconciles a
/// Started entry left by a crash from the live state, and journals before it mutates.
/// </summary>
internal sealed class ForwardSteps(ExecutionScope s)
{
    public static readonly string[] IrsaAnnotationKeys =
    [
        ServiceAccountRecord.RoleArnAnnotation, ServiceAccountRecord.AudienceAnnotation,
        ServiceAccountRecord.StsRegionalEndpointsAnnotation, ServiceAccountRecord.TokenExpirationAnnotation,
    ];

    public Task<StepResult> RunAsync(PlanStep step, int phase, CancellationToken ct) => step.Kind switch
    {
        StepKind.EnsurePodIdentityAgent => EnsureAgentAsync(step, phase, ct),
        StepKind.AddPodIdentityTrust => WithRoleLock(step, () => TrustWrites.ApplyAsync(s, step, phase, doc => AddTrust(step, doc), ct), ct),
        StepKind.CreateAssociation => CreateAssociationAsync(step, phase, ct),
        StepKind.UpdateAddonAssociation => UpdateAddonAsync(step, phase, ct),
        StepKind.RestartWorkload => RestartAsync(step, phase, ct),
        StepKind.ManualRestart => ManualAsync(step, phase, ct),
        StepKind.VerifyPodIdentity => VerifyAsync(step, phase, ct),
        StepKind.RemoveIrsaAnnotations => RemoveAnnotationsAsync(step, phase, ct),
        StepKind.RemoveIrsaTrustSubject => WithRoleLock(step, async () =>
            await PodIdentityTrustGuard.RefuseAsync(s, step, phase, await AssociationsOfAsync(step.Binding!, ct), ct)
            ?? await TrustWrites.ApplyAsync(s, step, phase, doc => s.Ports.Trust.RemoveIrsaSubject(doc, step.Issuer!, step.Binding!.Namespace, step.Binding.ServiceAccount), ct), ct),
        _ => Task.FromResult(StepResult.Fail($"unknown step kind {step.Kind}")),
    };

    /// <summary>
    /// The Pod Identity trust rewrite within the approved scope: a live document that would need a wider scope than
    /// the plan showed and the approver saw fails the step (journalled by TrustWrites) instead of widening silently.
    /// </summary>
    private TrustEdit AddTrust(PlanStep step, string document)
    {
        var approved = step.ApprovedTrustScope(s.Plan.Settings);
        var edit = s.Ports.Trust.AddPodIdentity(document, step.Bindings, approved);
        if (!edit.Success)
            return edit with { Error = $"{edit.Error} (the plan approved trust scoped by {approved.Describe()}; nothing wider is written without a new plan and approval)" };
        if (edit.Changed && edit.Scope > approved)
            return edit with { Success = false, Document = document, Error = $"the rewrite would scope the trust by {edit.Scope.Value.Describe()}, wider than the approved {approved.Describe()}; nothing written: re-plan and approve" };
        return edit;
    }

    private async Task<StepResult> WithRoleLock(PlanStep step, Func<Task<StepResult>> body, CancellationToken ct)
    {
        if (s.View.InEffect(step.Id))
            return StepResult.Success("already done");
        var gate = s.RoleLock(step.RoleArn!);
        await gate.WaitAsync(ct);
        try
        {
            return s.View.InEffect(step.Id) ? StepResult.Success("already done") : await body();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<StepResult> EnsureAgentAsync(PlanStep step, int phase, CancellationToken ct)
    {
        var scope = ExecutionScope.ScopeOf(step.Cluster);
        var addon = await s.Eks(t => s.Ports.Eks.DescribeAddonAsync(scope, step.Cluster.Name, Planner.PodIdentityAgentAddon, t), ct);
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
            await s.CompleteAsync(pending, addon is null ? JournalStatus.Abandoned : JournalStatus.Succeeded, addon?.Status,
                addon is null ? "reconciled: add-on was not created; retrying" : "reconciled: add-on exists", ct, afterMutation: false);
        if (addon is null)
        {
            var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, null, null) with { Before = "not installed", IntendedAfter = "ACTIVE" }, ct);
            addon = await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.CreateAddonAsync(scope, step.Cluster.Name, Planner.PodIdentityAgentAddon, t), c), ct);
            await s.CompleteAsync(entry, JournalStatus.Succeeded, addon.Status, $"created add-on {Planner.PodIdentityAgentAddon}", ct);
        }
        for (var attempt = 1; !IsActive(addon) && attempt < s.Settings.AgentWaitAttempts; attempt++)
        {
            await s.DelayAsync(s.Settings.AgentWaitInterval, ct);
            addon = await s.Eks(t => s.Ports.Eks.DescribeAddonAsync(scope, step.Cluster.Name, Planner.PodIdentityAgentAddon, t), ct);
        }
        if (!IsActive(addon))
            return StepResult.Fail($"add-on {Planner.PodIdentityAgentAddon} on {step.Cluster.Key} is {addon?.Status ?? "missing"}, not ACTIVE");
        if (!s.View.InEffect(step.Id))
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, null, null) with { Status = JournalStatus.AlreadyDone, Result = "ACTIVE", Message = "add-on ACTIVE" }, ct);
        return StepResult.Success("pod identity agent ACTIVE");

        static bool IsActive(AddonDescription? a) => string.Equals(a?.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<IReadOnlyList<AssociationDescription>> AssociationsOfAsync(BindingKey key, CancellationToken ct)
    {
        var scope = ExecutionScope.ScopeOf(key.Cluster);
        var list = await s.Eks(t => s.Ports.Eks.ListPodIdentityAssociationsAsync(scope, key.Cluster.Name, key.Namespace, key.ServiceAccount, t), ct);
        var result = new List<AssociationDescription>();
        foreach (var a in list.Where(a => a.Namespace == key.Namespace && a.ServiceAccount == key.ServiceAccount))
            result.Add(await s.Eks(t => s.Ports.Eks.DescribePodIdentityAssociationAsync(scope, key.Cluster.Name, a.AssociationId, t), ct));
        return result;
    }

    private async Task<StepResult> CreateAssociationAsync(PlanStep step, int phase, CancellationToken ct)
    {
        if (s.View.InEffect(step.Id))
            return StepResult.Success("already done");
        var key = step.Binding!;
        var existing = await AssociationsOfAsync(key, ct);
        var mine = existing.FirstOrDefault(a => a.RoleArn == step.RoleArn);
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
        {
            if (mine is not null)
            {
                await s.CompleteAsync(pending, JournalStatus.Succeeded, mine.AssociationId, "reconciled after an interruption: association had been created", ct, afterMutation: false);
                return StepResult.Success("association exists (reconciled)");
            }
            if (existing.Count == 0)
            {
                // Not listed: never created, or created and not visible yet (EKS eventual consistency). Re-sending the
                // interrupted create with its own token settles it: EKS answers with the association that token
                // created, or creates it now.
                return await CreateAsync(step, key, pending, "reconciled after an interruption: ", ct);
            }
            await s.CompleteAsync(pending, JournalStatus.Abandoned, null, "reconciled after an interruption: association had not been created; retrying", ct, afterMutation: false);
        }
        if (mine is not null)
        {
            // Ours by its tags (created by this step, journalled as not created): rollback must delete it.
            var ours = AssociationTags.CreatedBy(mine, s.Plan.Id, step.Id);
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
            {
                Status = ours ? JournalStatus.Succeeded : JournalStatus.AlreadyDone,
                Before = Json(mine),
                Result = mine.AssociationId,
                Message = ours ? $"association {mine.AssociationId} was created by this step (its tags say so)" : "association to the same role already exists",
            }, ct);
            return StepResult.Success("association already exists");
        }
        if (existing.Count > 0)
            return await ConflictAsync(step, phase, existing[0], ct);

        var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            Before = "null",
            IntendedAfter = JsonSerializer.Serialize(new { key.Namespace, key.ServiceAccount, step.RoleArn }),
        }, ct);
        return await CreateAsync(step, key, entry, "", ct);
    }

    /// <summary>
    /// Sends the create of a Started entry (token derived from the entry: a re-send is idempotent at EKS) and records
    /// the outcome. A 409 means another association holds the ServiceAccount; it is described once visible.
    /// </summary>
    private async Task<StepResult> CreateAsync(PlanStep step, BindingKey key, JournalEntry entry, string prefix, CancellationToken ct)
    {
        var request = new CreateAssociationRequest
        {
            ClusterName = key.Cluster.Name,
            Namespace = key.Namespace,
            ServiceAccount = key.ServiceAccount,
            RoleArn = step.RoleArn!,
            ClientRequestToken = Token(s.Plan.Id, step.Id, entry.Id),
            Tags = AssociationTags.For(s.Plan.Id, step.Id),
        };
        var created = await s.MutateAsync(entry, async c =>
        {
            try
            {
                return await s.Eks(t => s.Ports.Eks.CreatePodIdentityAssociationAsync(ExecutionScope.ScopeOf(key.Cluster), request, t), c);
            }
            catch (AwsApiException e) when (e.ErrorCode == "ResourceInUseException")
            {
                return null;
            }
        }, ct);
        if (created is not null)
        {
            await s.CompleteAsync(entry, JournalStatus.Succeeded, created.AssociationId, $"{prefix}created association {created.AssociationId}", ct);
            return StepResult.Success($"association {created.AssociationId} created");
        }

        // 409 (a re-run, or someone else, DOMAIN.md): the holder may not be listed yet.
        AssociationDescription? holder;
        try
        {
            holder = await EksEventualConsistency.UntilVisibleAsync(s, s.Now, $"the association holding {key.Display}",
                async c => await AssociationsOfAsync(key, c) is { Count: > 0 } all ? all[0] : null, ct);
        }
        catch (Exception e) when (e is not ExecutionInterruptedException)
        {
            await s.CompleteAsync(entry, JournalStatus.Failed, null, $"409: an association holds {key.Display}; reading it failed ({e.Message}); nothing created", CancellationToken.None);
            throw;
        }
        if (holder is null)
        {
            var message = $"EKS answered 409 (association already exists) for {key.Display} but none became visible within {s.Settings.ConsistencyWindow}: nothing created; re-run the phase";
            await s.CompleteAsync(entry, JournalStatus.Failed, null, message, ct);
            return StepResult.Fail(message);
        }
        if (AssociationTags.CreatedBy(holder, s.Plan.Id, step.Id))
        {
            await s.CompleteAsync(entry, JournalStatus.Succeeded, holder.AssociationId, $"{prefix}association {holder.AssociationId} was created by this step (its tags say so)", ct);
            return StepResult.Success($"association {holder.AssociationId} exists");
        }
        if (holder.RoleArn == step.RoleArn)
        {
            // Someone else's association to the same role: counts as done, never deleted by rollback.
            await s.CompleteAsync(entry, JournalStatus.AlreadyDone, holder.AssociationId, $"{prefix}association {holder.AssociationId} to the same role appeared meanwhile (not ours: kept on rollback)", ct);
            return StepResult.Success("association to the same role exists");
        }
        await s.CompleteAsync(entry, JournalStatus.Conflict, null, $"association {holder.AssociationId} to {holder.RoleArn} appeared while creating ours", ct);
        return StepResult.Conflict($"an association for {key.Display} to another role ({holder.RoleArn}) appeared while creating ours: left alone");
    }

    private async Task<StepResult> ConflictAsync(PlanStep step, int phase, AssociationDescription other, CancellationToken ct)
    {
        var message = $"association {other.AssociationId} already binds {step.Binding!.Display} to {other.RoleArn}, not {step.RoleArn}: left alone";
        await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, step.Binding, step.RoleArn) with { Status = JournalStatus.Conflict, Before = Json(other), Message = message }, ct);
        return StepResult.Conflict(message);
    }

    private async Task<StepResult> UpdateAddonAsync(PlanStep step, int phase, CancellationToken ct)
    {
        if (s.View.InEffect(step.Id))
            return StepResult.Success("already done");
        var key = step.Binding!;
        var current = await AddonAssociations.ReadAsync(s, key.Cluster, step.AddonName!, ct);
        if (current is null)
            return StepResult.Fail($"add-on {step.AddonName} is not installed on {key.Cluster.Key}");
        var mine = current.FirstOrDefault(a => a.ServiceAccount == key.ServiceAccount);
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
        {
            var applied = mine?.RoleArn == step.RoleArn;
            await s.CompleteAsync(pending, applied ? JournalStatus.Succeeded : JournalStatus.Abandoned, applied ? JsonSerializer.Serialize(current) : null,
                applied ? "reconciled: add-on association had been applied" : "reconciled: not applied; retrying", ct, afterMutation: false);
            if (applied)
                return StepResult.Success("add-on association exists (reconciled)");
        }
        if (mine is not null && mine.RoleArn == step.RoleArn)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.AlreadyDone, Before = JsonSerializer.Serialize(current), Message = "add-on already associates this role" }, ct);
            return StepResult.Success("add-on association already exists");
        }
        if (mine is not null)
        {
            var message = $"add-on {step.AddonName} already associates {key.ServiceAccount} with {mine.RoleArn}, not {step.RoleArn}: left alone";
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Conflict, Before = JsonSerializer.Serialize(current), Message = message }, ct);
            return StepResult.Conflict(message);
        }
        var target = current.Append(new AddonPodIdentity(key.ServiceAccount, step.RoleArn!)).ToList();
        var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            Before = JsonSerializer.Serialize(current),
            IntendedAfter = JsonSerializer.Serialize(target),
        }, ct);
        await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.UpdateAddonPodIdentityAsync(ExecutionScope.ScopeOf(key.Cluster), key.Cluster.Name, step.AddonName!, target, t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, JsonSerializer.Serialize(target), $"add-on {step.AddonName} now associates {key.ServiceAccount}", ct);
        return StepResult.Success("add-on association added");
    }

    private async Task<StepResult> RestartAsync(PlanStep step, int phase, CancellationToken ct)
    {
        if (s.View.InEffect(step.Id))
            return StepResult.Success("already done");
        var key = step.Binding!;
        var w = step.Workload!;
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
        {
            var pods = (await Pods.OfBindingAsync(s, key, ct)).Where(p => Pods.OwnedBy(p, w)).ToList();
            var restarted = pods.Count > 0 && pods.All(Pods.OnPodIdentity);
            await s.CompleteAsync(pending, restarted ? JournalStatus.Succeeded : JournalStatus.Abandoned, null,
                restarted ? "reconciled: pods already run with Pod Identity" : "reconciled: restart not observed; restarting", ct, afterMutation: false);
            if (restarted)
                return StepResult.Success("restarted (reconciled)");
        }
        var at = s.Now;
        var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            IntendedAfter = $"kubectl.kubernetes.io/restartedAt={at:O}",
        }, ct);
        await s.MutateAsync(entry, c => s.Kube(key.Cluster, async (k, t) => { await k.RestartWorkloadAsync(w.Kind, w.Namespace, w.Name, at, t); return true; }, c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, at.ToString("O"), $"restarted {w.Kind} {w.Namespace}/{w.Name}", ct);
        return StepResult.Success("restarted");
    }

    private async Task<StepResult> ManualAsync(PlanStep step, int phase, CancellationToken ct)
    {
        var message = $"{step.Workload!.Kind} {step.Workload.Namespace}/{step.Workload.Name} must be recreated by hand to use Pod Identity";
        if (s.View.LatestForward(step.Id) is null)
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, step.Binding, step.RoleArn) with { Status = JournalStatus.Manual, Message = message }, ct);
        return StepResult.Success("manual restart reported", message);
    }

    private async Task<StepResult> VerifyAsync(PlanStep step, int phase, CancellationToken ct)
    {
        if (s.View.InEffect(step.Id))
            return StepResult.Success("already verified");
        var key = step.Binding!;
        var workloads = s.Plan.FindPhase(phase)!.Steps
            .Where(x => x.Kind == StepKind.RestartWorkload && x.Binding == key).Select(x => x.Workload!).ToList();
        var manual = s.Plan.FindPhase(phase)!.Steps
            .Where(x => x.Kind == StepKind.ManualRestart && x.Binding == key).Select(x => x.Workload!).ToList();
        var detail = "";
        for (var attempt = 1; attempt <= Math.Max(1, s.Settings.VerifyAttempts); attempt++)
        {
            if (attempt > 1)
                await s.DelayAsync(s.Settings.VerifyInterval, ct);
            (var ok, detail) = await Pods.CheckAsync(s, key, workloads, Pods.OnPodIdentity, ct);
            if (!ok)
            {
                s.Observer.OnMessage($"verifying {key.Namespace}/{key.ServiceAccount} on {key.Cluster.Name}: {detail}, attempt {attempt}/{Math.Max(1, s.Settings.VerifyAttempts)}");
                continue;
            }
            var warnings = new List<string>();
            var awaiting = new List<string>();
            if (manual.Count > 0)
            {
                var pods = await Pods.OfBindingAsync(s, key, ct);
                var stale = pods.Where(p => manual.Any(m => Pods.OwnedBy(p, m)) && !Pods.OnPodIdentity(p)).Select(p => p.Name).ToList();
                if (stale.Count > 0)
                    warnings.Add($"pod(s) {string.Join(", ", stale)} still use IRSA until recreated by hand");
                // A CronJob is proven only by a pod of a run after the cut-over: until then it is verified on its next run.
                awaiting = manual.Where(m => m.Kind == WorkloadKind.CronJob && !pods.Any(p => Pods.OwnedBy(p, m) && Pods.OnPodIdentity(p)))
                    .Select(m => $"CronJob {m.Namespace}/{m.Name}").ToList();
            }
            if (awaiting.Count > 0)
            {
                var message = $"{string.Join(", ", awaiting)} has not run a pod on Pod Identity yet: verified on its next run (re-run phase {phase} after it ran; cleanup waits until then)";
                await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
                {
                    Status = JournalStatus.VerifyOnNextRun,
                    Result = $"verify on next run: {string.Join(", ", awaiting)}",
                    Message = message,
                }, ct);
                return StepResult.Success("verified except CronJob(s) awaiting their next run", [.. warnings, message]);
            }
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
            {
                Status = JournalStatus.Succeeded,
                Result = $"{workloads.Count} workload(s) on Pod Identity",
                Message = warnings.Count == 0 ? "new pods carry the Pod Identity env and not the IRSA env" : string.Join("; ", warnings),
            }, ct);
            return StepResult.Success("verified", warnings.ToArray());
        }
        await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Failed, Message = $"verification failed: {detail}" }, ct);
        return StepResult.Fail($"verification of {key.Display} failed: {detail}");
    }

    private async Task<StepResult> RemoveAnnotationsAsync(PlanStep step, int phase, CancellationToken ct)
    {
        if (s.View.InEffect(step.Id))
            return StepResult.Success("already done");
        var key = step.Binding!;
        var sa = await s.Kube(key.Cluster, (k, t) => k.GetServiceAccountAsync(key.Namespace, key.ServiceAccount, t), ct);
        if (sa is null)
            return StepResult.Fail($"ServiceAccount {key.Display} no longer exists");
        var present = IrsaAnnotationKeys.Where(sa.Annotations.ContainsKey).ToDictionary(k => k, k => sa.Annotations[k]);
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
        {
            var applied = present.Count == 0;
            await s.CompleteAsync(pending, applied ? JournalStatus.Succeeded : JournalStatus.Abandoned, applied ? "{}" : null,
                applied ? "reconciled: annotations had been removed" : "reconciled: annotations still present; retrying", ct, afterMutation: false);
            if (applied)
                return StepResult.Success("annotations removed (reconciled)");
        }
        if (present.Count == 0)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.AlreadyDone, Before = "{}", Result = "{}", Message = "no IRSA annotations left" }, ct);
            return StepResult.Success("no IRSA annotations left");
        }
        if (present.TryGetValue(ServiceAccountRecord.RoleArnAnnotation, out var annotated) && annotated != step.RoleArn)
        {
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Drift, Before = JsonSerializer.Serialize(present), Message = $"annotation now points to {annotated}" }, ct);
            return StepResult.Drift($"{key.Display} is now annotated with {annotated}, not {step.RoleArn}: left alone");
        }
        // IRSA is the rollback path: never remove it unless the Pod Identity association is in place and its role's trust admits this binding.
        var associations = await AssociationsOfAsync(key, ct);
        if (!associations.Any(a => a.RoleArn == step.RoleArn))
            return StepResult.Fail($"no association of {key.Display} to {step.RoleArn}: IRSA annotations kept (they are the only credential path)");
        if (await PodIdentityTrustGuard.RefuseAsync(s, step, phase, associations, ct) is { } refused)
            return refused;

        var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            Before = JsonSerializer.Serialize(present),
            IntendedAfter = "{}",
        }, ct);
        await s.MutateAsync(entry, c => s.Kube(key.Cluster, (k, t) => k.PatchServiceAccountAnnotationsAsync(key.Namespace, key.ServiceAccount, present.Keys.ToDictionary(k => k, _ => (string?)null), t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, "{}", $"removed {string.Join(", ", present.Keys)}", ct);
        return StepResult.Success("IRSA annotations removed");
    }

    private static string Json(AssociationDescription a) => JsonSerializer.Serialize(new { a.AssociationId, a.Namespace, a.ServiceAccount, a.RoleArn });

    /// <summary>Deterministic per journal entry: a retried create of the same entry is idempotent at EKS too.</summary>
    private static string Token(string planId, string stepId, long entryId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{planId}|{stepId}|{entryId}")))[..32];
}
