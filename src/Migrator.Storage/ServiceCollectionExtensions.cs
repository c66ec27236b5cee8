using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Core.Ports;
using Migrator.Storage.Execution;
using Migrator.Storage.Inventory;
using Migrator.Storage.Progress;

namespace Migrator.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite state file (section "Storage": Path). The file, its directory and the schema are created on first
    /// use, so verbs that never touch storage do not need a writable path.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(_ => new SchemaMigrator());
        services.AddSingleton(sp => new SqliteConnectionFactory(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path,
            sp.GetRequiredService<SchemaMigrator>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IInventoryStore, SqliteInventoryStore>();
        services.AddExecutionStorage();
        services.AddSingleton<IScopeStore, SqliteScopeStore>();
        return services;
    }
}
