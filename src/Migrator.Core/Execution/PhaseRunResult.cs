using Migrator.Core.Inventory;

namespace Migrator.Core.Execution;

public enum BindingResult
{
    Succeeded,
    Failed,
    Conflict,
    Drift,
    /// <summary>Not started because the wave halted, or not eligible (cleanup of a binding that did not migrate).</summary>
    NotStarted,
    /// <summary>Waits for an owner to apply a change-set (journalled); a later run continues.</summary>
    AwaitingExternalChange,
}

public sealed record BindingOutcome(BindingKey Key, BindingResult Result, string Message, IReadOnlyList<string> Warnings);

public enum PhaseRunStatus
{
    Completed,
    CompletedWithFailures,
    /// <summary>The failure rate passed the threshold: bindings not yet started were left alone.</summary>
    Halted,
    /// <summary>A cleanup with no binding ready (its migration not run or verified, or still soaking): nothing was done.</summary>
    NothingDue,
    /// <summary>No failure; some bindings wait for their owners to apply change-sets: run the phase again once applied.</summary>
    AwaitingExternalChange,
}

public sealed record PhaseRunResult(string PlanId, int Phase, PhaseRunStatus Status, IReadOnlyList<BindingOutcome> Bindings, IReadOnlyList<string> Messages)
{
    public int Failed => Bindings.Count(b => b.Result is BindingResult.Failed or BindingResult.Conflict or BindingResult.Drift);

    public int Awaiting => Bindings.Count(b => b.Result == BindingResult.AwaitingExternalChange);
}
