namespace Migrator.Sandbox;

/// <summary>A port the sandbox was told to use is taken: the message names it and the fix.</summary>
public sealed class SandboxPortException : Exception
{
    public SandboxPortException(string message, Exception inner) : base(message, inner) { }
    public SandboxPortException(string message) : base(message) { }
    public SandboxPortException() { }
}
