using Microsoft.Extensions.Hosting;

namespace Migrator.Cli;

/// <summary>Registers every adapter and domain service. One AddXxx per outside system.</summary>
public static class Composition
{
    public static Task AddMigratorAsync(HostApplicationBuilder builder, GlobalOptions global, CancellationToken ct)
    {
        _ = builder;
        _ = global;
        _ = ct;
        return Task.CompletedTask;
    }
}
