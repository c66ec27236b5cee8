using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Migrator.Storage;

/// <summary>
/// Applies the embedded Migrations/NNN_name.sql scripts in version order, the pending ones in one transaction,
/// recording each in schema_version. Any area adds its own numbered file; nothing here names a table of theirs.
/// </summary>
public sealed partial class SchemaMigrator
{
    public SchemaMigrator() : this(typeof(SchemaMigrator).Assembly) { }

    public SchemaMigrator(Assembly assembly) : this(Embedded(assembly)) { }

    public SchemaMigrator(IEnumerable<SchemaMigration> migrations)
    {
        var all = migrations.ToList();
        var duplicate = all.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two schema migrations share version {duplicate.Key:000}: {string.Join(", ", duplicate.Select(m => m.Name))}. Renumber one of the Migrations/*.sql files.");
        Migrations = [.. all.OrderBy(m => m.Version)];
    }

    /// <summary>The resources named *.Migrations.NNN_name.sql in an assembly.</summary>
    public static IReadOnlyList<SchemaMigration> Embedded(Assembly assembly)
    {
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
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
    public async Task<int> MigrateAsync(SqliteConnection connection, TimeProvider time, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", cancellationToken: ct));
        var current = await CurrentVersionAsync(connection, null, ct);
        if (current > LatestVersion)
            throw new StorageException($"the state file '{connection.DataSource}' has schema version {current}, newer than this migrator knows ({LatestVersion}). Use a newer migrator or another --db file.");
        if (current == LatestVersion) return 0;

        // BEGIN IMMEDIATE: a second process migrating at the same time waits, then sees the versions already applied.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        current = await CurrentVersionAsync(connection, tx, ct);
        var pending = Migrations.Where(m => m.Version > current).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);",
                new { migration.Version, migration.Name, AppliedAt = StorageFormat.Time(time.GetUtcNow()) }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? tx, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_version;", transaction: tx, cancellationToken: ct)) ?? 0;

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{3,})_(?<name>[A-Za-z0-9_\-]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
