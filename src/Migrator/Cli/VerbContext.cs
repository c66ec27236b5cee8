using Microsoft.Extensions.DependencyInjection;

namespace Migrator.Cli;

/// <summary>What a verb runs with: its parsed options, the service provider, and the console streams.</summary>
public sealed class VerbContext
{
    public required CliArgs Args { get; init; }
    public required IServiceProvider Services { get; init; }
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    /// <summary>True when stdout is a terminal (live progress); false when redirected (plain lines).</summary>
    public bool Interactive { get; init; }
    public GlobalOptions Global { get; init; } = new();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
