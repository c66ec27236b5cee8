namespace Migrator.Storage;

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite file; relative paths are taken from the working directory. Created with its directory if missing.</summary>
    public string Path { get; set; } = "migrator.db";
}
