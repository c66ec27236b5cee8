namespace Migrator.Storage;

/// <summary>A plan's execution lock as held by this process; disposing it releases it.</summary>
public interface IPlanLock : IAsyncDisposable
{
    /// <summary>
    /// Null while the lock is still held; else why it is not any more (a PostgreSQL session that ended with a database
    /// restart or failover takes its advisory lock with it). Asked before every journalled mutation.
    /// </summary>
    Task<string?> LostAsync(CancellationToken ct);
}
