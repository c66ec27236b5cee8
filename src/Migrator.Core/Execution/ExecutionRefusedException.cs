namespace Migrator.Core.Execution;

/// <summary>The executor will not start: phase unknown or not approved, soak not elapsed, earlier phase missing.</summary>
public sealed class ExecutionRefusedException : Exception
{
    public ExecutionRefusedException(string message) : base(message) { }
    public ExecutionRefusedException() { }
    public ExecutionRefusedException(string message, Exception inner) : base(message, inner) { }
}
