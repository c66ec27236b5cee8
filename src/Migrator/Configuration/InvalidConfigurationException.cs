namespace Migrator.Configuration;

/// <summary>The configuration is invalid: every problem found, each naming its key, source and the fix. Exit code 3.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public IReadOnlyList<string> Problems { get; }

    public InvalidConfigurationException(IReadOnlyList<string> problems)
        : base($"configuration is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")})") => Problems = problems;

    public InvalidConfigurationException() : this([]) { }
    public InvalidConfigurationException(string message) : this([message]) { }
    public InvalidConfigurationException(string message, Exception inner) : base(message, inner) => Problems = [message];
}
