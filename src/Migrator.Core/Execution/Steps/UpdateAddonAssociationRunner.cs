using System.Text.Json;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// Adds the binding to its add-on's podIdentityAssociations (UpdateAddon replaces the whole set, so the add-on's others
/// are kept). Undone by removing only this binding's entry from the set.
/// </summary>
internal sealed class UpdateAddonAssociationRunner : StepRunner<UpdateAddonAssociationStep>
{
    protected override async Task<StepResult> RunAsync(ExecutionScope s, UpdateAddonAssociationStep step, int phase, CancellationToken ct)
    {
        var key = step.Key;
        var current = await AddonAssociations.ReadAsync(s, key.Cluster, step.AddonName, ct);
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
        await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.UpdateAddonPodIdentityAsync(ExecutionScope.ScopeOf(key.Cluster), key.Cluster.Name, step.AddonName, target, t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, JsonSerializer.Serialize(target), $"add-on {step.AddonName} now associates {key.ServiceAccount}", ct);
        return StepResult.Success("add-on association added");
    }

    protected override async Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, UpdateAddonAssociationStep? step, CancellationToken ct)
    {
        var (e, key) = (undo.Entry, undo.Key);
        if (undo.Done(s))
            return StepResult.Success("already removed");
        if (step is null)
            return StepResult.Fail($"step {e.StepId} is not in plan {s.Plan.Id}: its add-on is unknown, so its association was not removed");
        var current = await AddonAssociations.ReadAsync(s, key.Cluster, step.AddonName, ct) ?? [];
        var target = current.Where(a => !(a.ServiceAccount == key.ServiceAccount && a.RoleArn == e.RoleArn)).ToList();
        if (target.Count == current.Count)
        {
            await s.RecordAsync(undo.NewEntry(s, RollbackKind.RemoveAddonAssociation) with { Status = JournalStatus.AlreadyDone, Message = "add-on association not present" }, ct);
            return StepResult.Success("add-on association not present");
        }
        var entry = await s.BeginAsync(undo.NewEntry(s, RollbackKind.RemoveAddonAssociation) with { Before = JsonSerializer.Serialize(current), IntendedAfter = JsonSerializer.Serialize(target) }, ct);
        await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.UpdateAddonPodIdentityAsync(ExecutionScope.ScopeOf(key.Cluster), key.Cluster.Name, step.AddonName, target, t), c), ct);
        await s.CompleteAsync(entry, JournalStatus.Succeeded, JsonSerializer.Serialize(target), $"removed {key.ServiceAccount} from add-on {step.AddonName}", ct);
        return StepResult.Success("add-on association removed");
    }
}
