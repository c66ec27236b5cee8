using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Migrator.Storage;

/// <summary>
/// Applies the embedded Migrations/NNN_name.sql scripts in version order, the pending ones in one transaction,
/// recording each in schema_version. Any area adds its own numbered file; nothing here names a table of theirs.
/// PostgreSQL has its own scripts (Migrations/Postgres/NNN_name.sql, the same numbers and tables in its dialect).
/// </summary>
public sealed partial class SchemaMigrator
{
    /// <summary>Serialises migrations of one PostgreSQL database across workers starting together (pg_advisory_xact_lock key).</summary>
    private const long PostgresMigrationLock = 0x4D49_4752_5354_4154; // "MIGRSTAT"

    public SchemaMigrator() : this(typeof(SchemaMigrator).Assembly) { }

    public SchemaMigrator(Assembly assembly) : this(Embedded(assembly)) { }

    public SchemaMigrator(IEnumerable<SchemaMigration> migrations) : this(migrations, StorageProvider.Sqlite) { }

    public SchemaMigrator(IEnumerable<SchemaMigration> migrations, StorageProvider provider)
    {
        Provider = provider;
        var all = migrations.ToList();
        var duplicate = all.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two schema migrations share version {duplicate.Key:000}: {string.Join(", ", duplicate.Select(m => m.Name))}. Renumber one of the Migrations/*.sql files.");
        Migrations = [.. all.OrderBy(m => m.Version)];
    }

    /// <summary>The PostgreSQL scripts of this assembly (Migrations/Postgres/NNN_name.sql).</summary>
    public static SchemaMigrator ForPostgres() => new(Embedded(typeof(SchemaMigrator).Assembly, StorageProvider.Postgres), StorageProvider.Postgres);

    public StorageProvider Provider { get; }

    /// <summary>The resources named *.Migrations.NNN_name.sql in an assembly.</summary>
    public static IReadOnlyList<SchemaMigration> Embedded(Assembly assembly) => Embedded(assembly, StorageProvider.Sqlite);

    /// <summary>The resources named *.Migrations.NNN_name.sql (SQLite) or *.Migrations.Postgres.NNN_name.sql in an assembly.</summary>
    public static IReadOnlyList<SchemaMigration> Embedded(Assembly assembly, StorageProvider provider)
    {
        var migrations = new List<SchemaMigration>();
        var pattern = provider == StorageProvider.Postgres ? PostgresResourceName() : ResourceName();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = pattern.Match(resource);
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        return migrations;
    }

    public IReadOnlyList<SchemaMigration> Migrations { get; }

    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>Brings the database up to <see cref="LatestVersion"/>; returns how many migrations were applied.</summary>
    public Task<int> MigrateAsync(SqliteConnection connection, TimeProvider time, CancellationToken ct) =>
        MigrateAsync(connection, $"the state file '{connection.DataSource}'", time, ct);

    /// <summary>Brings the database (<paramref name="description"/> names it in errors) up to <see cref="LatestVersion"/>.</summary>
    public async Task<int> MigrateAsync(DbConnection connection, string description, TimeProvider time, CancellationToken ct)
    {
        if (Provider == StorageProvider.Postgres)
        {
            // Workers starting together: the first migrates inside the lock, the others then find nothing pending.
            await using var ptx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@Key);", new { Key = PostgresMigrationLock }, ptx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", transaction: ptx, cancellationToken: ct));
            var applied = await ApplyPendingAsync(connection, ptx, description, time, ct);
            await ptx.CommitAsync(ct);
            return applied;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", cancellationToken: ct));
        var current = await CurrentVersionAsync(connection, null, ct);
        if (current > LatestVersion)
            throw Newer(description, current);
        if (current == LatestVersion) return 0;

        // BEGIN IMMEDIATE: a second process migrating at the same time waits, then sees the versions already applied.
        await using var tx = await connection.BeginTransactionAsync(ct);
        var count = await ApplyPendingAsync(connection, tx, description, time, ct);
        await tx.CommitAsync(ct);
        return count;
    }

    private StorageException Newer(string description, int current) =>
        new($"{description} has schema version {current}, newer than this migrator knows ({LatestVersion}). Use a newer migrator or another database (--db, Storage:ConnectionString).");

    private async Task<int> ApplyPendingAsync(DbConnection connection, DbTransaction tx, string description, TimeProvider time, CancellationToken ct)
    {
        var current = await CurrentVersionAsync(connection, tx, ct);
        if (current > LatestVersion)
            throw Newer(description, current);
        var pending = Migrations.Where(m => m.Version > current).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);",
                new { migration.Version, migration.Name, AppliedAt = StorageFormat.Time(time.GetUtcNow()) }, tx, cancellationToken: ct));
        }
        return pending.Count;
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_version;", transaction: tx, cancellationToken: ct)) ?? 0;

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{3,})_(?<name>[A-Za-z0-9_\-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();

    [GeneratedRegex(@"\.Migrations\.Postgres\.(?<version>\d{3,})_(?<name>[A-Za-z0-9_\-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex PostgresResourceName();
}
