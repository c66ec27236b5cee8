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
}

/// <summary>One approved phase the worker tried, and what came of it.</summary>
public sealed record ApprovedPhaseRun(int Number, string Title, PhaseExecutionOutcome Outcome);

/// <summary>What the unattended execution of approved phases did, phase by phase, and why it stopped.</summary>
public sealed record ApprovedPhasesOutcome(ApprovedPhasesStatus Status, DateTimeOffset CheckedAt, string? PlanId, IReadOnlyList<ApprovedPhaseRun> Phases);
