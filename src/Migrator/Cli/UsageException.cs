namespace Migrator.Cli;

/// <summary>The command line is wrong: the message says what and how to fix it. Exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }
    public UsageException() { }
    public UsageException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>An input (file, document, configuration value) is invalid: the message names it and the fix. Exit code 3.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }
    public InvalidInputException() { }
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
