using Migrator.Core.Execution;

namespace Migrator.Application;

/// <summary>What one execution (phase run, phase rollback, binding rollback) did.</summary>
public abstract record PhaseExecutionOutcome
{
    private PhaseExecutionOutcome() { }

    /// <summary>It ran: the result says how each binding fared.</summary>
    public sealed record Ran(PhaseRunResult Result) : PhaseExecutionOutcome;

    /// <summary>It was refused before anything changed (not approved, prerequisites not done, soak not over).</summary>
    public sealed record Refused(string Reason) : PhaseExecutionOutcome;

    /// <summary>Another executor holds the plan's lock: nothing changed.</summary>
    public sealed record Locked(string Reason) : PhaseExecutionOutcome;
}
