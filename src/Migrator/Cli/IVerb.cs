namespace Migrator.Cli;

/// <summary>
/// One CLI verb, e.g. "trust explain" or "inventory". Verbs are discovered by reflection (public, non-abstract,
/// parameterless constructor), so adding a verb is adding a file. A verb resolves its services from the context.
/// </summary>
public interface IVerb
{
    /// <summary>Space-separated path: "trust explain", "plan approve", "inventory".</summary>
    string Name { get; }
    string Summary { get; }
    IReadOnlyList<OptionSpec> Options { get; }
    /// <summary>How many positional arguments the verb takes (e.g. CLUSTER/NAMESPACE/SERVICEACCOUNT).</summary>
    int MaxPositionals => 0;
    string? PositionalHelp => null;
    /// <summary>
    /// The verb reads or writes the state file: it is checked (opens, migrates, undamaged, writable) before the verb
    /// runs, so no API is called for a result that could not be stored.
    /// </summary>
    bool UsesStateFile => true;
    Task<int> RunAsync(VerbContext context, CancellationToken ct);
}
