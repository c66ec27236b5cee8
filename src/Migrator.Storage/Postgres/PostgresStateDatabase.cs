using System.Data.Common;
using Dapper;
using Npgsql;

namespace Migrator.Storage.Postgres;

/// <summary>
/// State in a PostgreSQL database (Storage:Provider postgres) that several workers share: pooled connections, the
/// schema migrated once per process (workers starting together serialise on an advisory lock), plan locks as session
/// advisory locks (<see cref="PostgresPlanLock"/>).
/// </summary>
public sealed class PostgresStateDatabase : IStateDatabase, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _pool;
    private readonly SchemaMigrator _migrator;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _migrateOnce = new(1, 1);
    private bool _migrated;

    static PostgresStateDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public PostgresStateDatabase(string connectionString, SchemaMigrator migrator, TimeProvider time)
    {
        if (migrator.Provider != StorageProvider.Postgres)
            throw new ArgumentException("the PostgreSQL state database needs the PostgreSQL schema scripts (SchemaMigrator.ForPostgres()).", nameof(migrator));
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "migrator" };
        ConnectionString = builder.ConnectionString;
        Description = $"the PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}" +
            (string.IsNullOrEmpty(builder.SearchPath) ? "" : $" (schema {builder.SearchPath})");
        _pool = NpgsqlDataSource.Create(ConnectionString);
        _migrator = migrator;
        _time = time;
    }

    /// <summary>The connection string as used (it may hold a password: never print it).</summary>
    public string ConnectionString { get; }

    public StorageProvider Provider => StorageProvider.Postgres;

    public string Description { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct) => await MigratedConnection.OpenAsync(OpenRawAsync, EnsureMigratedAsync, ct);

    /// <summary>Opens, migrates and takes a write (rolled back), or says what to fix.</summary>
    public async Task VerifyAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE migrator_write_check (x INTEGER);", transaction: tx, cancellationToken: ct));
            await tx.RollbackAsync(ct);
        }
        catch (PostgresException e)
        {
            throw new StorageException($"{Description} (Storage:ConnectionString) cannot be written: {e.MessageText}. Grant the user CREATE and write rights on the database's schema, or name another database.", e);
        }
    }

    public async Task<IPlanLock?> TryTakePlanLockAsync(string planId, CancellationToken ct)
    {
        try
        {
            return await PostgresPlanLock.TryTakeAsync(ConnectionString, planId, ct);
        }
        catch (NpgsqlException e)
        {
            throw Unreachable(e);
        }
    }

    public async Task<string?> ReadinessProblemAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1;", cancellationToken: ct));
            return null;
        }
        catch (Exception e) when (e is StorageException or NpgsqlException or TimeoutException)
        {
            return e is NpgsqlException n ? Unreachable(n).Message : e.Message;
        }
    }

    public string PlanLockLocation(string planId) => $"advisory lock {PostgresPlanLock.KeyText(planId)} in {Description}";

    public async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        _migrateOnce.Dispose();
    }

    public void Dispose()
    {
        _pool.Dispose();
        _migrateOnce.Dispose();
    }

    private async Task<NpgsqlConnection> OpenRawAsync(CancellationToken ct)
    {
        try
        {
            return await _pool.OpenConnectionAsync(ct);
        }
        catch (NpgsqlException e)
        {
            throw Unreachable(e);
        }
    }

    private StorageException Unreachable(NpgsqlException e) => new(
        $"cannot open {Description} (Storage:ConnectionString): {(e is PostgresException p ? p.MessageText : e.Message).TrimEnd('.')}. " +
        "Check the host, port, database, user and password (MIGRATOR_Storage__ConnectionString), and that the server accepts connections from here.", e);

    private async Task EnsureMigratedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (Volatile.Read(ref _migrated)) return;
        await _migrateOnce.WaitAsync(ct);
        try
        {
            if (_migrated) return;
            await _migrator.MigrateAsync(connection, Description, _time, ct);
            _migrated = true;
        }
        catch (PostgresException e)
        {
            throw new StorageException($"cannot prepare the schema of {Description}: {e.MessageText}. The user needs CREATE rights on the database's schema (or let an administrator run the first start).", e);
        }
        finally
        {
            _migrateOnce.Release();
        }
    }
}
