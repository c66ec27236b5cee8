namespace Migrator.Application;

/// <summary>Why the unattended execution of approved phases ended where it did.</summary>
public enum ApprovedPhasesStatus
{
    /// <summary>Execution:ChangeWindows is empty: the worker never executes; phases run by hand only.</summary>
    NoChangeWindow,
    /// <summary>Now is outside every change window: nothing was executed.</summary>
    OutsideChangeWindow,
    /// <summary>No plan is stored yet: nothing to execute.</summary>
    NoPlan,
    /// <summary>Every approved phase ran to completion or had nothing due yet (a cleanup still soaking).</summary>
    Finished,
    /// <summary>A phase was refused (prerequisites not done, soak not over): later phases were not tried.</summary>
    Refused,
    /// <summary>Another executor holds the plan's lock.</summary>
    Locked,
    /// <summary>A phase ran but did not complete cleanly (failures, halted): later phases were not tried.</summary>
    Incomplete,
    /// <summary>Plans are stored but none has an approved phase: nothing to execute.</summary>
    NoApprovedPlan,
}

/// <summary>One approved phase the worker tried, and what came of it.</summary>
public sealed record ApprovedPhaseRun(int Number, string Title, PhaseExecutionOutcome Outcome);

/// <summary>What the unattended execution of approved phases did, phase by phase, and why it stopped.</summary>
/// <remarks>
/// <see cref="PlanId"/> is the plan executed: the newest plan with an approval, which need not be the newest plan
/// (<see cref="NewestPlanId"/>): each scheduled inventory stores a new plan, and it is executed only once approved.
/// </remarks>
public sealed record ApprovedPhasesOutcome(ApprovedPhasesStatus Status, DateTimeOffset CheckedAt, string? PlanId, IReadOnlyList<ApprovedPhaseRun> Phases)
{
    /// <summary>The newest stored plan, approved or not (null when no plan is stored or the outcome came before looking).</summary>
    public string? NewestPlanId { get; init; }
}
