using Migrator.Core.Execution;

namespace Migrator.Core.Tests.Execution;

/// <summary>The journal port in memory; survives a simulated crash because the test keeps the instance.</summary>
public sealed class InMemoryJournal : IExecutionJournal
{
    private readonly object _gate = new();
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<string, (string Holder, DateTimeOffset Since)> _locks = [];
    private long _next;
    private int _startedSteps;

    public IReadOnlyList<JournalEntry> Entries { get { lock (_gate) return _entries.ToList(); } }

    public Task<IReadOnlyList<JournalEntry>> LoadAsync(string planId, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JournalEntry>>(_entries.Where(e => e.PlanId == planId).ToList());
    }

    /// <summary>When set, the plan lock is "lost" once this many steps have begun: the next Started entry is refused, as the storage journal does.</summary>
    public int? LoseLockAfterStartedSteps { get; set; }

    /// <summary>Steps begun so far (entries appended as Started).</summary>
    public int StartedSteps { get { lock (_gate) return _startedSteps; } }

    public Task<JournalEntry> AppendAsync(JournalEntry entry, CancellationToken ct)
    {
        lock (_gate)
        {
            if (entry.Status == JournalStatus.Started && LoseLockAfterStartedSteps is { } n && _startedSteps >= n)
                throw new PlanLockLostException(entry.PlanId, "its database session ended (test)");
            if (entry.Status == JournalStatus.Started)
                _startedSteps++;
            var saved = entry with { Id = ++_next };
            _entries.Add(saved);
            return Task.FromResult(saved);
        }
    }

    public Task<JournalEntry> CompleteAsync(long entryId, JournalStatus status, string? result, string message, DateTimeOffset completedAt, CancellationToken ct)
    {
        lock (_gate)
        {
            var i = _entries.FindIndex(e => e.Id == entryId);
            _entries[i] = _entries[i] with { Status = status, Result = result, Message = message, CompletedAt = completedAt };
            return Task.FromResult(_entries[i]);
        }
    }

    public Task<IAsyncDisposable> AcquireLockAsync(string planId, string holder, DateTimeOffset now, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_locks.TryGetValue(planId, out var held) && held.Holder != holder)
                throw new PlanLockedException(planId, held.Holder, held.Since);
            _locks[planId] = (holder, now);
        }
        return Task.FromResult<IAsyncDisposable>(new Release(this, planId));
    }

    private sealed class Release(InMemoryJournal journal, string planId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (journal._gate)
                journal._locks.Remove(planId);
            return ValueTask.CompletedTask;
        }
    }
}
