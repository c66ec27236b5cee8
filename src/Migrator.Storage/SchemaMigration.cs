namespace Migrator.Storage;

/// <summary>One numbered schema script, embedded as Migrations/NNN_name.sql.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
