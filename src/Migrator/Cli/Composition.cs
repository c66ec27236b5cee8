using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Migrator.Aws;
using Migrator.Core.Ports;
using Migrator.Kubernetes;
using Migrator.Storage;
using Migrator.Verbs.Inventory;

namespace Migrator.Cli;

/// <summary>Registers every adapter and domain service. One AddXxx per outside system.</summary>
public static class Composition
{
    public static Task AddMigratorAsync(HostApplicationBuilder builder, GlobalOptions global, CancellationToken ct)
    {
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddAws(builder.Configuration);
        builder.Services.AddKubernetes(builder.Configuration);
        builder.Services.TryAddSingleton<IAccountScopes, AwsAccountScopes>();
        _ = global;
        _ = ct;
        return Task.CompletedTask;
    }
}
