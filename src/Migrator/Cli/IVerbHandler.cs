namespace Migrator.Cli;

/// <summary>
/// What a verb does. Its constructor takes the services it needs (resolved from the host's container, with
/// <see cref="VerbConsole"/> for the streams); <see cref="RunAsync"/> takes the parsed options, read through the
/// verb's <see cref="VerbOption{T}"/> fields.
/// </summary>
public interface IVerbHandler
{
    Task<int> RunAsync(CliArgs args, CancellationToken ct);
}
