namespace Migrator.Core.Execution;

public enum JournalStatus
{
    /// <summary>Committed before the mutation; no outcome yet (a crash leaves it so: resume reconciles it from live state).</summary>
    Started,
    /// <summary>The mutation was made (or a Started entry was reconciled as applied).</summary>
    Succeeded,
    /// <summary>The live state already was the intended state: nothing was changed, nothing to undo.</summary>
    AlreadyDone,
    Failed,
    /// <summary>Something else owns the target (an association to another role): the binding stops.</summary>
    Conflict,
    /// <summary>The live trust policy changed since planning and not by us: the binding stops.</summary>
    Drift,
    /// <summary>A human must act (bare Pod, Job, CronJob restart).</summary>
    Manual,
    /// <summary>A Started entry found not applied on resume; a new entry carries the retry.</summary>
    Abandoned,
    /// <summary>
    /// The call failed in a way that does not say whether it took effect (timeout, lost connection, server error,
    /// cancellation): resume and rollback reconcile it from the live state exactly like a Started entry.
    /// </summary>
    InDoubt,
    /// <summary>
    /// Verified as far as possible now, but a workload (a CronJob) has not yet run a pod since the cut-over: checked
    /// again when the phase is re-run; its cleanup waits until a pod of it ran on Pod Identity.
    /// </summary>
    VerifyOnNextRun,
    /// <summary>
    /// A cleanup waits for evidence of the cut-over (CloudTrail: IRSA still used, or no Pod Identity use yet, or the
    /// delivery delay not passed): nothing was changed and the phase is not failed; a later run checks again.
    /// </summary>
    Held,
    /// <summary>The evidence cleared a cleanup (or an operator overrode it with a recorded reason): the message says which.</summary>
    EvidenceCleared,
    /// <summary>
    /// Change-set mode: the change was written for the resource's owner (the message names the directory) and is not
    /// live yet. Not a failure: re-running the phase (or the worker) reads the live state and continues once it is.
    /// </summary>
    AwaitingExternalChange,
}

public enum JournalDirection
{
    Forward,
    Rollback,
}

/// <summary>
/// One journalled step: committed to storage before the mutation with the exact before-state and the intended
/// after-state, completed after it with the outcome. Before/IntendedAfter/Result are JSON or a trust document.
/// </summary>
public sealed record JournalEntry
{
    public long Id { get; init; }
    public required string PlanId { get; init; }
    public required int Phase { get; init; }
    public required string StepId { get; init; }
    public required JournalKind StepKind { get; init; }
    public JournalDirection Direction { get; init; }
    /// <summary>The binding the entry belongs to, or null for cluster/role steps.</summary>
    public Inventory.BindingKey? Binding { get; init; }
    public string? RoleArn { get; init; }
    public JournalStatus Status { get; init; }
    public string? Before { get; init; }
    public string? IntendedAfter { get; init; }
    /// <summary>What the step left: the trust document written, the association id created...</summary>
    public string? Result { get; init; }
    public string Message { get; init; } = "";
    /// <summary>For rollback entries: the forward entry they undo.</summary>
    public long? UndoesEntryId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsDone => Status is JournalStatus.Succeeded or JournalStatus.AlreadyDone;

    /// <summary>The mutation may or may not have happened: Started without outcome (a crash) or InDoubt.</summary>
    public bool IsPending => Status is JournalStatus.Started or JournalStatus.InDoubt;
}
