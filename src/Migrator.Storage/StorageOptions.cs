namespace Migrator.Storage;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"sqlite" (default: the embedded state file <see cref="Path"/>) or "postgres" (<see cref="ConnectionString"/>, shared by several workers).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite file; relative paths are taken from the working directory. Created with its directory if missing.</summary>
    public string Path { get; set; } = "migrator.db";

    /// <summary>
    /// The PostgreSQL connection string (Npgsql keywords: Host, Port, Database, Username, Password, SSL Mode...) when
    /// Provider is "postgres"; best from a secret through the environment variable MIGRATOR_Storage__ConnectionString.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The provider named by <see cref="Provider"/>, or null when it names none (the validator reports it).</summary>
    public StorageProvider? ParsedProvider => Provider?.Trim().ToLowerInvariant() switch
    {
        "sqlite" => StorageProvider.Sqlite,
        "postgres" or "postgresql" => StorageProvider.Postgres,
        _ => null,
    };
}
