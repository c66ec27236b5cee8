using Microsoft.Data.Sqlite;
using Migrator.Integration.Tests.Storage;
using Migrator.Storage;
using Migrator.Storage.Postgres;

namespace Migrator.Integration.Tests.Postgres;

/// <summary>
/// A state database of one provider for a storage test: a SQLite file in a temp directory, or a fresh schema on the
/// test PostgreSQL server. <see cref="Open"/> gives another instance over the same database (another process's view).
/// </summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _opened = [];
    private readonly TimeProvider _time;
    private PostgresTestSchema? _schema;

    private StorageUnderTest(StorageProvider provider, TimeProvider time)
    {
        Provider = provider;
        _time = time;
    }

    public StorageProvider Provider { get; }

    public IStateDatabase Database { get; private set; } = null!;

    /// <summary>For the CLI: "--Storage:Provider=postgres --Storage:ConnectionString=..." or "--db FILE".</summary>
    public string[] CliArguments => Provider == StorageProvider.Postgres
        ? ["--Storage:Provider=postgres", $"--Storage:ConnectionString={_schema!.ConnectionString}"]
        : ["--db", _dir.File("state.db")];

    public string? PostgresConnectionString => _schema?.ConnectionString;

    public static async Task<StorageUnderTest> CreateAsync(StorageProvider provider, TimeProvider time)
    {
        var storage = new StorageUnderTest(provider, time);
        if (provider == StorageProvider.Postgres)
            storage._schema = await TestPostgres.CreateSchemaAsync();
        storage.Database = storage.Open();
        return storage;
    }

    public IStateDatabase Open()
    {
        IStateDatabase database = Provider == StorageProvider.Postgres
            ? new PostgresStateDatabase(_schema!.ConnectionString, SchemaMigrator.ForPostgres(), _time)
            : new SqliteConnectionFactory(_dir.File("state.db"), new SchemaMigrator(), _time);
        _opened.Add((IDisposable)database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
            database.Dispose();
        SqliteConnection.ClearAllPools();
        if (_schema is not null)
            await _schema.DisposeAsync();
        _dir.Dispose();
    }
}
