using Microsoft.Extensions.Hosting;
using Migrator.Assessment;
using Migrator.Reports;
using Migrator.Storage;

namespace Migrator.Cli;

/// <summary>Registers every adapter and domain service. One AddXxx per outside system.</summary>
public static class Composition
{
    public static Task AddMigratorAsync(HostApplicationBuilder builder, GlobalOptions global, CancellationToken ct)
    {
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddAssessment();
        builder.Services.AddReports(builder.Configuration);
        _ = global;
        _ = ct;
        return Task.CompletedTask;
    }
}
