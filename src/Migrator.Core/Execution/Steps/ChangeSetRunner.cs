using Migrator.Core.Ownership;
using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// What a live read says about an owner's change: whether it is live (<see cref="Applied"/>), what is there now
/// (<see cref="Live"/>, journalled), and the change to write for the owner when it is not, or why none can be written.
/// </summary>
internal sealed record OwnerChangeState(bool Applied, string? Live, Func<OwnerChange>? Change = null, StepResult? Refused = null);

/// <summary>
/// The shared run and undo of change-set steps (issue 16). Run: when the approval forces the step's owner or bindings to
/// direct, the direct step's runner runs it (same id). Otherwise a live read decides: live already (before any
/// change-set) = AlreadyDone; a change-set written and now live = Succeeded (the owner applied it); not live = the
/// change is written for the owner (<see cref="Ports.IChangeSetWriter"/>) and journalled AwaitingExternalChange, or,
/// when it was written before, the binding keeps waiting. Undo is the same loop with the reverse change, journalled as
/// a rollback entry: a forward change-set its owner never applied needs no reverse (AlreadyDone: discard its files).
/// </summary>
internal abstract class ChangeSetRunner<TStep> : StepRunner<TStep> where TStep : ChangeSetStep
{
    protected override string? AlreadyDone => "already applied by its owner";

    /// <summary>The forward change as the live state shows it.</summary>
    protected abstract Task<OwnerChangeState> ForwardAsync(ExecutionScope s, TStep step, int phase, CancellationToken ct);

    /// <summary>The reverse of the journalled forward change as the live state shows it.</summary>
    protected abstract Task<OwnerChangeState> ReverseAsync(ExecutionScope s, TStep step, UndoRequest undo, CancellationToken ct);

    /// <summary>The rollback kind the reverse is journalled as.</summary>
    protected abstract RollbackKind UndoKind { get; }

    /// <summary>Changes to a role's trust are computed one at a time per role (each starts from the pending ones).</summary>
    protected virtual bool ChangesTrust => false;

    protected override async Task<StepResult> RunAsync(ExecutionScope s, TStep step, int phase, CancellationToken ct)
    {
        if (!ChangesTrust || DirectOverride.Forces(s.ForceDirect, step))
            return await RunUnlockedAsync(s, step, phase, ct);
        var gate = s.RoleLock(step.RoleArn!);
        await gate.WaitAsync(ct);
        try
        {
            return s.View.InEffect(step.Id) ? StepResult.Success("already applied by its owner") : await RunUnlockedAsync(s, step, phase, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task<StepResult> UndoAsync(ExecutionScope s, UndoRequest undo, TStep? step, CancellationToken ct)
    {
        if (!ChangesTrust || undo.Entry.RoleArn is null)
            return await UndoUnlockedAsync(s, undo, step, ct);
        var gate = s.RoleLock(undo.Entry.RoleArn);
        await gate.WaitAsync(ct);
        try
        {
            return await UndoUnlockedAsync(s, undo, step, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<StepResult> RunUnlockedAsync(ExecutionScope s, TStep step, int phase, CancellationToken ct)
    {
        if (DirectOverride.Forces(s.ForceDirect, step))
        {
            s.Observer.OnMessage($"{step.Id}: {step.Owner.Display} forced to direct by the approval");
            return await StepRunners.For(step.DirectStep.Kind).RunAsync(s, step.DirectStep, phase, ct);
        }
        var state = await ForwardAsync(s, step, phase, ct);
        if (state.Refused is { } refused)
            return refused;
        var written = s.View.LatestForward(step.Id) is { Status: JournalStatus.AwaitingExternalChange } w ? w : null;
        var entry = s.NewEntry(phase, step.Id, step.Kind, step.Binding, step.RoleArn);
        if (state.Applied)
        {
            await s.RecordAsync(entry with
            {
                Status = written is null ? JournalStatus.AlreadyDone : JournalStatus.Succeeded,
                Before = written?.Before ?? state.Live,
                IntendedAfter = written?.IntendedAfter,
                Result = state.Live,
                Message = written is null ? "already live: nothing for the owner to change" : $"applied by {step.Owner.Display}: seen live ({written.Message})",
            }, ct);
            return StepResult.Success(written is null ? "already live" : $"applied by {step.Owner.Display}");
        }
        if (written is not null)
            return StepResult.Awaiting($"waiting for {step.Owner.Display} to apply the change-set: {written.Message}");
        return await WriteAsync(s, entry, step.Owner, state, ct);
    }

    private async Task<StepResult> UndoUnlockedAsync(ExecutionScope s, UndoRequest undo, TStep? step, CancellationToken ct)
    {
        if (undo.Done(s))
            return StepResult.Success("already undone");
        if (step is null)
            return StepResult.Fail($"the plan no longer has step {undo.Entry.StepId}: its change-set cannot be reversed here; reverse {undo.Entry.Message} by hand");
        var suffix = undo.Full ? null : "/" + string.Join(",", undo.Bindings.Select(k => k.ToString()));
        var rollbackId = $"rollback/{undo.Entry.StepId}{suffix}";
        var written = s.View.Snapshot().LastOrDefault(e => e.Direction == JournalDirection.Rollback && e.StepId == rollbackId) is { Status: JournalStatus.AwaitingExternalChange } w ? w : null;
        var state = await ReverseAsync(s, step, undo, ct);
        if (state.Refused is { } refused)
            return refused;
        var entry = undo.NewEntry(s, UndoKind, suffix);
        if (state.Applied)
        {
            var neverApplied = undo.Entry.Status == JournalStatus.AwaitingExternalChange && written is null;
            await s.RecordAsync(entry with
            {
                Status = written is null ? JournalStatus.AlreadyDone : JournalStatus.Succeeded,
                Before = written?.Before ?? state.Live,
                Result = state.Live,
                Message = neverApplied ? $"the change-set was never applied: discard it ({undo.Entry.Message})"
                    : written is null ? "already as before" : $"reverse applied by {step.Owner.Display}: seen live",
            }, ct);
            return StepResult.Success(neverApplied ? "change-set withdrawn (never applied)" : "reverse change live");
        }
        if (written is not null)
            return StepResult.Awaiting($"waiting for {step.Owner.Display} to apply the reverse change-set: {written.Message}");
        return await WriteAsync(s, entry, step.Owner, state, ct);
    }

    private static async Task<StepResult> WriteAsync(ExecutionScope s, JournalEntry entry, ResourceOwner owner, OwnerChangeState state, CancellationToken ct)
    {
        if (state.Change is null)
            return StepResult.Fail($"no change can be written for {owner.Display}");
        if (s.Ports.ChangeSets is null)
            return StepResult.Fail("no change-set writer is configured (Execution:ChangeSetDirectory); force direct in the approval or configure it");
        var change = state.Change();
        var set = ChangeSetRenderer.Render(change);
        var directory = await s.Ports.ChangeSets.WriteAsync(set, ct);
        var files = string.Join(", ", set.Files.Select(f => f.Name));
        var message = $"change-set for {owner.Display} written to {directory} ({files}): {change.Summary}";
        await s.RecordAsync(entry with
        {
            Status = JournalStatus.AwaitingExternalChange,
            Before = state.Live,
            IntendedAfter = change.Trust?.Document,
            Message = message,
        }, ct);
        return StepResult.Awaiting(message);
    }

    /// <summary>The change's common fields.</summary>
    protected static OwnerChange Change(ExecutionScope s, JournalEntry? forward, ChangeSetStep step, int phase, string summary) => new()
    {
        PlanId = s.Plan.Id,
        Phase = forward?.Phase ?? phase,
        StepId = step.Id,
        Rollback = forward is not null,
        Owner = step.Owner,
        Summary = summary,
    };
}
