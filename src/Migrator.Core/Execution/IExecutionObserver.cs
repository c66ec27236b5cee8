namespace Migrator.Core.Execution;

/// <summary>Where a mutating step stands; resume must be correct from each of these points.</summary>
public enum StepBoundary
{
    /// <summary>Live state read, journal not yet written.</summary>
    BeforeJournal,
    /// <summary>Started entry committed, mutation not yet made.</summary>
    BeforeMutation,
    /// <summary>Mutation made, outcome not yet committed.</summary>
    AfterMutation,
    /// <summary>Outcome committed.</summary>
    AfterOutcome,
}

/// <summary>Sees every step boundary (progress output; tests inject crashes here by throwing).</summary>
public interface IExecutionObserver
{
    ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct);
    void OnMessage(string message);
}

public sealed class NullExecutionObserver : IExecutionObserver
{
    public static readonly NullExecutionObserver Instance = new();
    public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct) => ValueTask.CompletedTask;
    public void OnMessage(string message) { }
}
