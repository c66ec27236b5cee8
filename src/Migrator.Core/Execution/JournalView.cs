namespace Migrator.Core.Execution;

/// <summary>
/// The plan's journal as the executor reasons about it: which forward steps are in effect (done and not undone),
/// which are in doubt (Started with no outcome), and what we last wrote to each role's trust policy.
/// </summary>
internal sealed class JournalView
{
    private readonly object _gate = new();
    private readonly List<JournalEntry> _entries;

    public JournalView(IEnumerable<JournalEntry> entries) => _entries = entries.OrderBy(e => e.Id).ToList();

    public void Record(JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Id == entry.Id);
            _entries.Add(entry);
            _entries.Sort((x, y) => x.Id.CompareTo(y.Id));
        }
    }

    public IReadOnlyList<JournalEntry> Snapshot()
    {
        lock (_gate)
            return _entries.ToList();
    }

    /// <summary>The latest forward entry of a step, if any.</summary>
    public JournalEntry? LatestForward(string stepId) =>
        Snapshot().LastOrDefault(e => e.Direction == JournalDirection.Forward && e.StepId == stepId);

    public bool IsUndone(long forwardEntryId) =>
        Snapshot().Any(e => e.Direction == JournalDirection.Rollback && e.UndoesEntryId == forwardEntryId && e.IsDone);

    /// <summary>The rollback entry for a forward entry, if one was started.</summary>
    public JournalEntry? LatestRollbackOf(long forwardEntryId) =>
        Snapshot().LastOrDefault(e => e.Direction == JournalDirection.Rollback && e.UndoesEntryId == forwardEntryId);

    /// <summary>
    /// Done (in either way) and not rolled back since. A trust step narrowed by a single-binding rollback is no longer
    /// in effect either: re-running the phase adds that binding back.
    /// </summary>
    public bool InEffect(string stepId) =>
        LatestForward(stepId) is { IsDone: true } e && !IsUndone(e.Id)
        && !Snapshot().Any(r => r.Direction == JournalDirection.Rollback && r.Id > e.Id && r.IsDone && r.StepId.StartsWith($"rollback/{stepId}/", StringComparison.Ordinal));

    /// <summary>Forward entries in effect: done and not undone, oldest first.</summary>
    public IReadOnlyList<JournalEntry> EffectiveForward() =>
        Snapshot().Where(e => e.Direction == JournalDirection.Forward && e.IsDone && !IsUndone(e.Id)).ToList();

    /// <summary>
    /// The trust document we expect a role to have: the result of our latest successful write to it (either
    /// direction), or null when we never wrote it (then the planning-time document is the reference).
    /// </summary>
    public string? LastWrittenTrust(string roleArn) =>
        Snapshot().LastOrDefault(e => e.RoleArn == roleArn && e.Status == JournalStatus.Succeeded && e.StepKind.IsTrustWrite && e.Result is not null)?.Result;
}
