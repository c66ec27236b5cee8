namespace Migrator.Storage;

/// <summary>Where state lives (Storage:Provider): an embedded SQLite file, or a PostgreSQL database several workers share.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
