namespace Migrator.Cli;

/// <summary>
/// One CLI verb, e.g. "trust explain" or "inventory", as the command line shows it: its name, summary and typed options
/// (static <see cref="VerbOption{T}"/> fields of the verb). What it does is its <see cref="Handler"/>, a class built
/// from the host's container with its services as constructor parameters (a missing registration fails a test, not a user).
/// Every verb is listed once in <see cref="VerbCatalog"/>.
/// </summary>
public interface IVerb
{
    /// <summary>Space-separated path: "trust explain", "plan approve", "inventory".</summary>
    string Name { get; }
    string Summary { get; }
    IReadOnlyList<VerbOption> Options { get; }
    /// <summary>How many positional arguments the verb takes (e.g. CLUSTER/NAMESPACE/SERVICEACCOUNT).</summary>
    int MaxPositionals => 0;
    string? PositionalHelp => null;
    /// <summary>
    /// The verb reads or writes the state file: it is checked (opens, migrates, undamaged, writable) before the verb
    /// runs, so no API is called for a result that could not be stored.
    /// </summary>
    bool UsesStateFile => true;
    /// <summary>The <see cref="IVerbHandler"/> that runs the verb, constructed with ActivatorUtilities from the host's services.</summary>
    Type Handler { get; }
}
