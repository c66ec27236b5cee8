using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Migrator.Integration.Tests.Postgres;
using Migrator.Storage;
using Migrator.Storage.Postgres;

namespace Migrator.Integration.Tests.Storage;

/// <summary>Storage:Provider, its validation, the database chosen, and the readiness probe of each provider.</summary>
public sealed class StorageProviderTests
{
    private static List<string> Failures(StorageOptions options) =>
        new StorageOptionsValidator().Validate(null, options) is { Failed: true } result ? [.. result.Failures!] : [];

    [Fact]
    public void An_unknown_provider_is_refused_naming_both_choices()
    {
        var failure = Assert.Single(Failures(new StorageOptions { Provider = "mysql" }));
        Assert.Contains("Storage:Provider 'mysql'", failure, StringComparison.Ordinal);
        Assert.Contains("'sqlite'", failure, StringComparison.Ordinal);
        Assert.Contains("'postgres'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_needs_a_connection_string_with_a_host_and_says_where_to_put_it()
    {
        var missing = Assert.Single(Failures(new StorageOptions { Provider = "postgres" }));
        Assert.Contains("Storage:ConnectionString is empty", missing, StringComparison.Ordinal);
        Assert.Contains("MIGRATOR_Storage__ConnectionString", missing, StringComparison.Ordinal);

        Assert.Contains("names no Host", Assert.Single(Failures(new StorageOptions { Provider = "postgres", ConnectionString = "Database=migrator" })), StringComparison.Ordinal);
        var malformed = Assert.Single(Failures(new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Pasword=secret-value" }));
        Assert.Contains("not a valid PostgreSQL connection string", malformed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", malformed, StringComparison.Ordinal);

        Assert.Empty(Failures(new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Database=migrator;Username=m;Password=p" }));
        // The SQLite path is not checked when it is not used.
        Assert.Empty(Failures(new StorageOptions { Provider = "postgres", ConnectionString = "Host=db", Path = "" }));
    }

    [Fact]
    public void Sqlite_stays_the_default()
    {
        Assert.Empty(Failures(new StorageOptions()));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddStorage(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        Assert.IsType<SqliteConnectionFactory>(provider.GetRequiredService<IStateDatabase>());
    }

    [Fact]
    public void Provider_postgres_gives_the_postgres_database_and_its_scripts()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = "Host=db.example.com;Database=migrator;Username=m;Password=never-printed",
        }).Build());
        using var provider = services.BuildServiceProvider();
        var database = Assert.IsType<PostgresStateDatabase>(provider.GetRequiredService<IStateDatabase>());
        Assert.Equal("the PostgreSQL database 'migrator' on db.example.com:5432", database.Description);
        Assert.Equal(StorageProvider.Postgres, provider.GetRequiredService<SchemaMigrator>().Provider);
    }

    [Fact]
    public async Task The_readiness_probe_names_an_unreachable_postgres_database_without_its_password()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        await using var database = new PostgresStateDatabase("Host=127.0.0.1;Port=1;Database=migrator;Username=m;Password=never-printed;Timeout=5", SchemaMigrator.ForPostgres(), TimeProvider.System);
        var problem = await database.ReadinessProblemAsync(CancellationToken.None);
        Assert.NotNull(problem);
        Assert.Contains("the PostgreSQL database 'migrator' on 127.0.0.1:1", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("never-printed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readiness_probe_passes_on_a_usable_sqlite_file()
    {
        using var dir = new TempDirectory();
        using var database = new SqliteConnectionFactory(dir.File("state.db"), new SchemaMigrator(), TimeProvider.System);
        Assert.Null(await database.ReadinessProblemAsync(CancellationToken.None));
    }

    [PostgresFact]
    public async Task The_readiness_probe_passes_on_a_reachable_postgres_database()
    {
        await using var storage = await StorageUnderTest.CreateAsync(StorageProvider.Postgres, TimeProvider.System);
        Assert.Null(await storage.Database.ReadinessProblemAsync(CancellationToken.None));
    }
}
