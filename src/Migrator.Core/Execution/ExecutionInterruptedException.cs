namespace Migrator.Core.Execution;

/// <summary>
/// The run stopped at a step boundary because the observer threw (a test's simulated crash, or the host stopping):
/// it is not a step failure, and the journal is left exactly as a crash at that point would leave it.
/// </summary>
public sealed class ExecutionInterruptedException : Exception
{
    public ExecutionInterruptedException(string message, Exception inner) : base(message, inner) { }
    public ExecutionInterruptedException() { }
    public ExecutionInterruptedException(string message) : base(message) { }
}
