using Dapper;
using Microsoft.Data.Sqlite;

namespace Migrator.Storage;

/// <summary>
/// Opens connections to the state file: creates it and its directory when missing, turns on WAL, foreign keys and
/// a busy timeout, and migrates the schema once per process before the first connection is handed out.
/// </summary>
public sealed class SqliteConnectionFactory : IDisposable
{
    private readonly SchemaMigrator _migrator;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _migrateOnce = new(1, 1);
    private readonly string _connectionString;
    private bool _migrated;

    static SqliteConnectionFactory() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteConnectionFactory(string path, SchemaMigrator migrator, TimeProvider time)
    {
        DatabasePath = Path.GetFullPath(path);
        _migrator = migrator;
        _time = time;
        // No pooling: the CLI opens few connections, and tests must be able to delete the file afterwards.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await OpenRawAsync(ct);
        try
        {
            await EnsureMigratedAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _migrateOnce.Dispose();

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken ct)
    {
        try
        {
            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot create the directory of the state file '{DatabasePath}' (Storage:Path): {e.Message}. Point Storage:Path or --db at a writable location.", e);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: ct));
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new StorageException($"the state file '{DatabasePath}' could not be switched to WAL mode (got '{mode}'); is it on a writable local disk?");
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;", cancellationToken: ct));
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new StorageException($"cannot open the state file '{DatabasePath}' (Storage:Path) for writing: {e.Message}. Point Storage:Path or --db at a writable file.", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureMigratedAsync(SqliteConnection connection, CancellationToken ct)
    {
        if (Volatile.Read(ref _migrated)) return;
        await _migrateOnce.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            await _migrator.MigrateAsync(connection, _time, ct);
            _migrated = true;
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot prepare the schema of the state file '{DatabasePath}': {e.Message}. Point Storage:Path or --db at a writable file.", e);
        }
        finally
        {
            _migrateOnce.Release();
        }
    }
}
