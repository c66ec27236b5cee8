namespace Migrator.Storage;

/// <summary>The state file cannot be opened, created or written; the message names the file and the fix.</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message) : base(message) { }
    public StorageException(string message, Exception inner) : base(message, inner) { }
    public StorageException() { }
}
