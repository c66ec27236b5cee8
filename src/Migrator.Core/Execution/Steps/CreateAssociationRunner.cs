using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Creates the binding's Pod Identity association, tagged with the plan and step so a create whose outcome was lost is
/// still recognised as ours. Undone by deleting exactly the association it created; one that existed before, or that
/// someone else made meanwhile, is never deleted.
/// </summary>
internal sealed class CreateAssociationRunner : StepRunner<CreateAssociationStep>
{
    protected override async Task<StepResult> RunAsync(ExecutionScope s, CreateAssociationStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var existing = await Associations.OfBindingAsync(s, key, ct);
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
                return await CreateAsync(s, step, pending, "reconciled after an interruption: ", ct);
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
        {
            var other = existing[0];
            var message = $"association {other.AssociationId} already binds {key.Display} to {other.RoleArn}, not {step.RoleArn}: left alone";
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with { Status = JournalStatus.Conflict, Before = Json(other), Message = message }, ct);
            return StepResult.Conflict(message);
        }

        var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, key, step.RoleArn) with
        {
            Before = "null",
            IntendedAfter = JsonSerializer.Serialize(new { key.Namespace, key.ServiceAccount, step.RoleArn }),
        }, ct);
        return await CreateAsync(s, step, entry, "", ct);
    }

    /// <summary>
    /// Sends the create of a Started entry (token derived from the entry: a re-send is idempotent at EKS) and records
    /// the outcome. A 409 means another association holds the ServiceAccount; it is described once visible.
    /// </summary>
    private static async Task<StepResult> CreateAsync(ExecutionScope s, CreateAssociationStep step, JournalEntry entry, string prefix, CancellationToken ct)
    {
        var key = step.Key;
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
                async c => await Associations.OfBindingAsync(s, key, c) is { Count: > 0 } all ? all[0] : null, ct);
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

    /// <summary>
    /// Deletes the association the forward entry created, found by the id it journalled (or, for a create interrupted
    /// before its outcome, by the step's tags). "Not found" within the consistency window since the create is doubt
    /// (EKS eventual consistency): polled until visible. A read that keeps failing fails the binding, so its Pod
    /// Identity trust stays.
    /// </summary>
    protected override async Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, CreateAssociationStep? step, CancellationToken ct)
    {
        var (e, key) = (undo.Entry, undo.Key);
        if (undo.Done(s))
            return StepResult.Success("already deleted");
        var scope = ExecutionScope.ScopeOf(key.Cluster);
        var interrupted = s.View.LatestRollbackOf(e.Id) is { IsPending: true } p ? p : null;
        var what = e.Result is null ? $"the association created by {e.StepId}" : $"association {e.Result}";
        AssociationDescription? ours;
        try
        {
            ours = await EksEventualConsistency.UntilVisibleAsync(s, e.CompletedAt ?? e.StartedAt, what, c => FindCreatedAsync(s, e, c), ct);
        }
        catch (Exception x) when (x is not (ExecutionInterruptedException or OperationCanceledException))
        {
            var message = $"could not settle whether {what} still exists ({x.Message}): not deleted; the Pod Identity trust is kept";
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.DeleteAssociation) with { Status = JournalStatus.Failed, Message = message }, ct);
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
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.DeleteAssociation) with { Status = JournalStatus.AlreadyDone, Message = message }, ct);
            return StepResult.Success(message);
        }
        if (ours.RoleArn != e.RoleArn)
        {
            var message = $"association {ours.AssociationId} now points to {ours.RoleArn}, not {e.RoleArn}: changed by someone else, left alone";
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.DeleteAssociation) with { Status = JournalStatus.Drift, Before = Json(ours), Message = message }, ct);
            return StepResult.Drift(message);
        }
        var entry = await s.BeginAsync(undo.NewEntry(s, RollbackKind.DeleteAssociation) with { Before = Json(ours), IntendedAfter = "null" }, ct);
        try
        {
            await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.DeletePodIdentityAssociationAsync(scope, key.Cluster.Name, ours.AssociationId, t), c), ct);
        }
        catch (AwsApiException x) when (x.ErrorCode == "ResourceNotFoundException")
        {
            // Deleted meanwhile: the goal is reached (MutateAsync marked the entry Failed; record the undo as done).
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.DeleteAssociation) with { Status = JournalStatus.AlreadyDone, Message = "association was already deleted" }, ct);
            return StepResult.Success("association already deleted");
        }
        await s.CompleteAsync(entry, JournalStatus.Succeeded, "null", $"deleted association {ours.AssociationId}", ct);
        return StepResult.Success("association deleted");
    }

    /// <summary>The association a forward create entry made, if EKS shows it now: by journalled id, else by the step's tags.</summary>
    private static async Task<AssociationDescription?> FindCreatedAsync(ExecutionScope s, JournalEntry e, CancellationToken ct)
    {
        var key = e.Binding!;
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
            if (AssociationTags.CreatedBy(d, s.Plan.Id, e.StepId)
                || (d.RoleArn == e.RoleArn && d.Tags.GetValueOrDefault(AssociationTags.Plan) == s.Plan.Id && !d.Tags.ContainsKey(AssociationTags.Step)))
                return d;
        }
        return null;
    }

    private static string Json(AssociationDescription a) => JsonSerializer.Serialize(new { a.AssociationId, a.Namespace, a.ServiceAccount, a.RoleArn });

    /// <summary>Deterministic per journal entry: a retried create of the same entry is idempotent at EKS too.</summary>
    private static string Token(string planId, string stepId, long entryId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{planId}|{stepId}|{entryId}")))[..32];
}
