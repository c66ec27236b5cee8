using Microsoft.Extensions.Hosting;
using Migrator.Application;
using Migrator.Assessment;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Aws;
using Migrator.Aws.Configuration;
using Migrator.Core.Ports;
using Migrator.Execution;
using Migrator.Kubernetes;
using Migrator.Reports;
using Migrator.SandboxHosting;
using Migrator.Storage;

namespace Migrator.Cli;

/// <summary>Registers every adapter and domain service. One AddXxx per outside system.</summary>
public static class Composition
{
    public static async Task AddMigratorAsync(HostApplicationBuilder builder, GlobalOptions global, CancellationToken ct)
    {
        // The sandbox first: it rewrites configuration (endpoints, credentials, accounts) the adapters bind.
        if (global.Sandbox)
            await SandboxComposition.AddSandboxAsync(builder, global, ct);

        builder.Services.AddAws(builder.Configuration);
        builder.Services.AddKubernetes(builder.Configuration);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddAssessment();
        builder.Services.AddExecution();
        builder.Services.AddReports(builder.Configuration);
        builder.Services.AddSingleton<IAccountScopes, ConfiguredAccountScopes>();
        builder.Services.AddSingleton<LoggingExecutionObserver>();
        builder.Services.AddApplication();
        builder.Services.AddSingleton<Core.Progress.ScopeTracker>();
    }
}
