using Microsoft.Extensions.DependencyInjection;

namespace Migrator.Worker.Http;

public static class WorkerHttpServiceCollectionExtensions
{
    /// <summary>The worker's HTTP endpoints and what they read: status, metrics, probes (<see cref="WorkerHttpServer"/>).</summary>
    public static IServiceCollection AddWorkerHttp(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<PlanLockHolders>();
        services.AddSingleton<WorkerStatus>();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<WorkerProbes>();
        services.AddSingleton<WorkerHttpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerHttpServer>());
        return services;
    }
}
