using Microsoft.Extensions.DependencyInjection;
using Migrator.Core.Execution;
using Migrator.Core.Ports;

namespace Migrator.Storage.Execution;

public static class ExecutionStorageExtensions
{
    /// <summary>Plan store and execution journal over the shared state file (called from AddStorage).</summary>
    public static IServiceCollection AddExecutionStorage(this IServiceCollection services)
    {
        services.AddSingleton<IPlanStore, SqlitePlanStore>();
        services.AddSingleton<IEvidenceOverrideStore>(sp => new SqliteEvidenceOverrideStore(sp.GetRequiredService<IStateDatabase>()));
        services.AddSingleton<IExecutionJournal>(sp => new SqliteExecutionJournal(sp.GetRequiredService<IStateDatabase>()));
        return services;
    }
}
