namespace Migrator.Configuration;

/// <summary>One thing wrong in the configuration: the key (Section:Key), where it was given, and what is expected.</summary>
public sealed record ConfigurationProblem(string Key, string Source, string Message)
{
    public override string ToString() => Key.Length == 0 ? $"{Source}: {Message}" : $"{Key} ({Source}): {Message}";
}
