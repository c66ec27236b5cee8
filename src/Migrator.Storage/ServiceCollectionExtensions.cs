using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Migrator.Core.Ports;
using Migrator.Storage.Execution;
using Migrator.Storage.Inventory;
using Migrator.Storage.Postgres;
using Migrator.Storage.Progress;

namespace Migrator.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The state database (section "Storage"): by default the SQLite file at Path, created with its directory and
    /// schema on first use (so verbs that never touch storage do not need a writable path); with Provider "postgres" the
    /// database of ConnectionString, migrated on first use. The stores are the same for both.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ParsedProvider == StorageProvider.Postgres
            ? SchemaMigrator.ForPostgres()
            : new SchemaMigrator());
        services.AddSingleton(sp => new SqliteConnectionFactory(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path,
            sp.GetRequiredService<SchemaMigrator>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new PostgresStateDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString ?? "",
            sp.GetRequiredService<SchemaMigrator>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IStateDatabase>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.ParsedProvider == StorageProvider.Postgres
            ? sp.GetRequiredService<PostgresStateDatabase>()
            : sp.GetRequiredService<SqliteConnectionFactory>());
        services.AddSingleton<IInventoryStore, SqliteInventoryStore>();
        services.AddSingleton<IInventoryRunWriter, Inventory.InventoryRunWriter>();
        services.AddSingleton<IInventoryShardStore, Inventory.InventoryShardStore>();
        services.AddSingleton<IInventoryParts, SqliteInventoryParts>();
        services.AddExecutionStorage();
        services.AddSingleton<IScopeStore, SqliteScopeStore>();
        return services;
    }
}
