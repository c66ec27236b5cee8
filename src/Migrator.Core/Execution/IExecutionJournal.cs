namespace Migrator.Core.Execution;

/// <summary>
/// Durable journal of a plan's execution (SQLite in Migrator.Storage). Every method commits before it returns:
/// the executor relies on a Started entry being on disk before it mutates anything.
/// </summary>
public interface IExecutionJournal
{
    Task<IReadOnlyList<JournalEntry>> LoadAsync(string planId, CancellationToken ct);
    /// <summary>Appends the entry and returns it with its Id.</summary>
    Task<JournalEntry> AppendAsync(JournalEntry entry, CancellationToken ct);
    /// <summary>Records the outcome of an entry.</summary>
    Task<JournalEntry> CompleteAsync(long entryId, JournalStatus status, string? result, string message, DateTimeOffset completedAt, CancellationToken ct);
    /// <summary>Takes the plan's execution lock or throws <see cref="PlanLockedException"/> naming the holder.</summary>
    Task<IAsyncDisposable> AcquireLockAsync(string planId, string holder, DateTimeOffset now, CancellationToken ct);
}
