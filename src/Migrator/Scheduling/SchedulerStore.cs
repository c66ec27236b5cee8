using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Storage;
using Migrator.Worker;
using Quartz;

namespace Migrator.Scheduling;

/// <summary>
/// Where the worker's Quartz scheduler keeps its jobs and triggers, following Storage:Provider: beside our state in the
/// SQLite file (one worker), or in the PostgreSQL database as a clustered ADO.NET job store, so that two or more
/// workers share the schedule, each firing runs on exactly one of them, and a worker that dies mid-job has its
/// recoverable jobs re-run by another. The Quartz schema (its PostgreSQL script, qrtz_*) is created at start when
/// missing (<see cref="QuartzPostgresSchema"/>, before the scheduler starts).
/// </summary>
public static class SchedulerStore
{
    /// <summary>Call before AddQuartzHostedService: on PostgreSQL the schema provisioning must start before the scheduler.</summary>
    public static void Use(IQuartzBuilder quartz, IServiceCollection services, IConfiguration configuration, WorkerOptions worker)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.ParsedProvider == StorageProvider.Postgres)
        {
            services.AddHostedService(_ => new QuartzPostgresSchema(storage.ConnectionString!));
            // Every worker has the same (default) scheduler name; each gets a generated instance id (UseClustering does that).
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(storage.ConnectionString!);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = worker.ClusterCheckinInterval;
                    c.CheckinMisfireThreshold = worker.ClusterCheckinInterval;
                });
                store.ProvisionSchema();
            });
            return;
        }
        var storagePath = worker.SchedulerDatabase ?? storage.Path;
        var fullPath = Path.GetFullPath(storagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        quartz.UsePersistentStore(store =>
        {
            store.UseSqlite($"Data Source={fullPath};Cache=Shared;Default Timeout=30");
            store.UseSystemTextJsonSerializer();
            store.ProvisionSchema();
        });
    }
}
