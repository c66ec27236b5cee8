using Migrator.Core.Execution;

namespace Migrator.Verbs.Plan;

/// <summary>Prints each journalled step as it completes (stderr, so stdout stays the result).</summary>
public sealed class ConsoleObserver(TextWriter writer) : IExecutionObserver
{
    private readonly object _gate = new();

    public ValueTask OnBoundaryAsync(StepBoundary boundary, string stepId, CancellationToken ct) => ValueTask.CompletedTask;

    public void OnMessage(string message)
    {
        lock (_gate)
            writer.WriteLine(message);
    }
}
