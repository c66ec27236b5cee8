using Dapper;
using Migrator.Core.Execution;

namespace Migrator.Storage.Execution;

/// <summary>
/// The execution journal and plan lock. Each call commits before returning: a Started entry is on disk before the
/// executor mutates anything.
/// </summary>
public sealed class SqliteExecutionJournal(IStateDatabase connections) : IExecutionJournal
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Release> _held = new(StringComparer.Ordinal);
    private const string Columns = "id, plan_id, phase, step_id, step_kind, direction, binding, role_arn, status, before_state, intended_after, result, message, undoes_entry_id, started_at, completed_at";

    public async Task<IReadOnlyList<JournalEntry>> LoadAsync(string planId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            $"SELECT {Columns} FROM journal_entries WHERE plan_id = @PlanId ORDER BY id;", new { PlanId = planId }, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<JournalEntry> AppendAsync(JournalEntry entry, CancellationToken ct)
    {
        await EnsureLockHeldAsync(entry, ct);
        await using var connection = await connections.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO journal_entries (plan_id, phase, step_id, step_kind, direction, binding, role_arn, status, before_state, intended_after, result, message, undoes_entry_id, started_at, completed_at)
            VALUES (@PlanId, @Phase, @StepId, @StepKind, @Direction, @Binding, @RoleArn, @Status, @BeforeState, @IntendedAfter, @Result, @Message, @UndoesEntryId, @StartedAt, @CompletedAt)
            RETURNING id;
            """,
            EntryRow.From(entry), cancellationToken: ct));
        return entry with { Id = id };
    }

    public async Task<JournalEntry> CompleteAsync(long entryId, JournalStatus status, string? result, string message, DateTimeOffset completedAt, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition(
            $"UPDATE journal_entries SET status = @Status, result = @Result, message = @Message, completed_at = @CompletedAt WHERE id = @Id RETURNING {Columns};",
            new { Id = entryId, Status = status.ToString(), Result = result, Message = message, CompletedAt = StorageFormat.Time(completedAt) }, cancellationToken: ct));
        return row?.ToEntry() ?? throw new StorageException($"journal entry {entryId} does not exist");
    }

    /// <summary>
    /// Takes the plan's lock (<see cref="IStateDatabase.TryTakePlanLockAsync"/>: a lock file beside SQLite, a session
    /// advisory lock on PostgreSQL, both released however the holder ends), then records who holds it since when in
    /// plan_locks for the refusal message. A row left by a process that died is simply overwritten: its lock was
    /// released with it.
    /// </summary>
    public async Task<IAsyncDisposable> AcquireLockAsync(string planId, string holder, DateTimeOffset now, CancellationToken ct)
    {
        var file = await connections.TryTakePlanLockAsync(planId, ct);
        if (file is null)
        {
            await using var reader = await connections.OpenAsync(ct);
            var current = await reader.QuerySingleOrDefaultAsync<LockRow>(new CommandDefinition(
                "SELECT holder, acquired_at FROM plan_locks WHERE plan_id = @PlanId;", new { PlanId = planId }, cancellationToken: ct));
            throw current is null
                ? new PlanLockedException(planId, $"another process (it is starting: no holder recorded yet; {connections.PlanLockLocation(planId)})", now)
                : new PlanLockedException(planId, current.Holder, StorageFormat.ParseTime(current.AcquiredAt));
        }
        try
        {
            await using var connection = await connections.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO plan_locks (plan_id, holder, acquired_at) VALUES (@PlanId, @Holder, @At) ON CONFLICT (plan_id) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at;",
                new { PlanId = planId, Holder = holder, At = StorageFormat.Time(now) }, cancellationToken: ct));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        var release = new Release(connections, planId, holder, file, this);
        _held[planId] = release;
        return release;
    }

    /// <summary>Every step is journalled Started before its mutation: that is where a lost plan lock stops the phase.</summary>
    private async Task EnsureLockHeldAsync(JournalEntry entry, CancellationToken ct)
    {
        if (entry.Status != JournalStatus.Started || !_held.TryGetValue(entry.PlanId, out var held))
            return;
        if (await held.File.LostAsync(ct) is { } why)
            throw new PlanLockLostException(entry.PlanId, why);
    }

    private sealed class Release(IStateDatabase connections, string planId, string holder, IPlanLock file, SqliteExecutionJournal journal) : IAsyncDisposable
    {
        public IPlanLock File => file;

        public async ValueTask DisposeAsync()
        {
            journal._held.TryRemove(new KeyValuePair<string, Release>(planId, this));
            try
            {
                await using var connection = await connections.OpenAsync(CancellationToken.None);
                await connection.ExecuteAsync("DELETE FROM plan_locks WHERE plan_id = @PlanId AND holder = @Holder;", new { PlanId = planId, Holder = holder });
            }
            finally
            {
                // The row goes first: whoever takes the lock next finds no stale record of us.
                await file.DisposeAsync();
            }
        }
    }

    private sealed class LockRow
    {
        public string Holder { get; set; } = "";
        public string AcquiredAt { get; set; } = "";
    }

    private sealed class EntryRow
    {
        public long Id { get; set; }
        public string PlanId { get; set; } = "";
        public long Phase { get; set; }
        public string StepId { get; set; } = "";
        public string StepKind { get; set; } = "";
        public string Direction { get; set; } = "";
        public string? Binding { get; set; }
        public string? RoleArn { get; set; }
        public string Status { get; set; } = "";
        public string? BeforeState { get; set; }
        public string? IntendedAfter { get; set; }
        public string? Result { get; set; }
        public string Message { get; set; } = "";
        public long? UndoesEntryId { get; set; }
        public string StartedAt { get; set; } = "";
        public string? CompletedAt { get; set; }

        public static EntryRow From(JournalEntry e) => new()
        {
            PlanId = e.PlanId,
            Phase = e.Phase,
            StepId = e.StepId,
            StepKind = e.StepKind.ToString(),
            Direction = e.Direction.ToString(),
            Binding = e.Binding?.ToString(),
            RoleArn = e.RoleArn,
            Status = e.Status.ToString(),
            BeforeState = e.Before,
            IntendedAfter = e.IntendedAfter,
            Result = e.Result,
            Message = e.Message,
            UndoesEntryId = e.UndoesEntryId,
            StartedAt = StorageFormat.Time(e.StartedAt),
            CompletedAt = StorageFormat.Time(e.CompletedAt),
        };

        public JournalEntry ToEntry() => new()
        {
            Id = Id,
            PlanId = PlanId,
            Phase = (int)Phase,
            StepId = StepId,
            StepKind = Kind(StepKind, StorageFormat.Enum<JournalDirection>(Direction)),
            Direction = StorageFormat.Enum<JournalDirection>(Direction),
            Binding = Binding is null ? null : StorageFormat.Binding(Binding),
            RoleArn = RoleArn,
            Status = StorageFormat.Enum<JournalStatus>(Status),
            Before = BeforeState,
            IntendedAfter = IntendedAfter,
            Result = Result,
            Message = Message,
            UndoesEntryId = UndoesEntryId,
            StartedAt = StorageFormat.ParseTime(StartedAt),
            CompletedAt = StorageFormat.ParseTimeOrNull(CompletedAt),
        };

        /// <summary>Forward entries store a step kind, rollback entries a rollback action.</summary>
        private static JournalKind Kind(string text, JournalDirection direction) => direction == JournalDirection.Rollback
            ? StorageFormat.Enum<RollbackKind>(text)
            : StorageFormat.Enum<Core.Planning.StepKind>(text);
    }
}
