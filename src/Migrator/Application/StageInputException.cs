namespace Migrator.Application;

/// <summary>
/// A stage cannot run with what it was given or what is stored (no accounts configured, no assessment yet, an unknown
/// plan): the message names the missing or wrong input and how to fix it. Callers decide what it means to them (the CLI:
/// exit code 3).
/// </summary>
public sealed class StageInputException : Exception
{
    public StageInputException(string message) : base(message) { }
    public StageInputException() { }
    public StageInputException(string message, Exception inner) : base(message, inner) { }
}
