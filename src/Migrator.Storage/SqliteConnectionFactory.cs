using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Migrator.Storage.Execution;

namespace Migrator.Storage;

/// <summary>
/// Opens connections to the state file: creates it and its directory when missing, turns on WAL, foreign keys and
/// a busy timeout, and migrates the schema once per process before the first connection is handed out.
/// </summary>
public sealed class SqliteConnectionFactory : IStateDatabase, IDisposable
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

    public StorageProvider Provider => StorageProvider.Sqlite;

    public string Description => $"the state file '{DatabasePath}'";

    async Task<DbConnection> IStateDatabase.OpenAsync(CancellationToken ct) => await OpenAsync(ct);

    /// <summary>The plan's OS-level lock file (<see cref="PlanLockFile"/>) next to the state file; the kernel releases it when the process ends.</summary>
    public Task<IPlanLock?> TryTakePlanLockAsync(string planId, CancellationToken ct) =>
        Task.FromResult<IPlanLock?>(PlanLockFile.TryTake(DatabasePath, planId));

    public async Task<string?> ReadinessProblemAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1;", cancellationToken: ct));
            return null;
        }
        catch (Exception e) when (e is StorageException or SqliteException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    public string PlanLockLocation(string planId) => $"lock file {PlanLockFile.PathFor(DatabasePath, planId)}";

    public Task<SqliteConnection> OpenAsync(CancellationToken ct) => MigratedConnection.OpenAsync(OpenRawAsync, EnsureMigratedAsync, ct);

    public void Dispose() => _migrateOnce.Dispose();

    /// <summary>
    /// Before a command calls any API: the state file opens (created 0600 when new), migrates, passes
    /// <c>PRAGMA quick_check</c> and takes a write. Each failure is a <see cref="StorageException"/> naming the file and the fix.
    /// </summary>
    public async Task VerifyAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        try
        {
            var problems = (await connection.QueryAsync<string>(new CommandDefinition("PRAGMA quick_check(5);", cancellationToken: ct))).ToList();
            if (problems is not ["ok"])
                throw Damaged(string.Join("; ", problems));
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE migrator_write_check (x INTEGER);", transaction: tx, cancellationToken: ct));
            await tx.RollbackAsync(ct);
        }
        catch (SqliteException e) when (IsDamage(e))
        {
            throw Damaged(e.Message);
        }
        catch (SqliteException e)
        {
            throw new StorageException($"the state file '{DatabasePath}' (Storage:Path) cannot be written: {e.Message.TrimEnd('.')}. Make it and its directory writable for this user (the -wal and -shm files beside it too), or point --db at a writable file.", e);
        }
    }

    private static bool IsDamage(SqliteException e) => e.SqliteErrorCode is 11 or 26; // SQLITE_CORRUPT, SQLITE_NOTADB

    private StorageException Damaged(string detail) => new(
        $"the state file '{DatabasePath}' is damaged ({detail}); Migrator refuses to use it. Restore it from a backup, or recover what SQLite can " +
        $"('sqlite3 {DatabasePath} .recover | sqlite3 {DatabasePath}.recovered', then --db {DatabasePath}.recovered), or move it aside to start afresh (its runs, plans and journal are then not used).");

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

        CreateOwnerOnly();
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
        catch (SqliteException e) when (IsDamage(e))
        {
            await connection.DisposeAsync();
            throw Damaged(e.Message);
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

    /// <summary>A new state file is readable by its owner only (0600): it holds the estate's trust policies and plans. SQLite gives its -wal and -shm files the same mode.</summary>
    private void CreateOwnerOnly()
    {
        if (OperatingSystem.IsWindows() || File.Exists(DatabasePath))
            return;
        try
        {
            using var _ = new FileStream(DatabasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(DatabasePath))
        {
            // Another process created it first.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"cannot create the state file '{DatabasePath}' (Storage:Path): {e.Message}. Point Storage:Path or --db at a writable location.", e);
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
        catch (SqliteException e) when (IsDamage(e))
        {
            throw Damaged(e.Message);
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
