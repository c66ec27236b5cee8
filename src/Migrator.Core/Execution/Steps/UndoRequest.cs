using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Execution.Steps;

/// <summary>
/// A forward journal entry to undo, for some or all of the bindings its step served (a role's Pod Identity trust is
/// narrowed to the others when one binding rolls back alone).
/// </summary>
internal sealed record UndoRequest(JournalEntry Entry, IReadOnlyList<BindingKey> Bindings, bool Full)
{
    /// <summary>The whole effect of the entry.</summary>
    public static UndoRequest Whole(JournalEntry e) => new(e, e.Binding is null ? [] : [e.Binding], true);

    /// <summary>The binding of the entry (binding steps always journal theirs).</summary>
    public BindingKey Key => Entry.Binding ?? throw new InvalidOperationException($"journal entry {Entry.Id} ({Entry.StepKind}) has no binding");

    /// <summary>The plan step that journalled <paramref name="e"/>, if the plan still has it.</summary>
    /// <remarks>An entry a direct runner journalled for a change-set step forced to direct finds the direct step it ran.</remarks>
    public static TStep? StepOf<TStep>(ExecutionScope s, JournalEntry e) where TStep : PlanStep =>
        s.Plan.FindPhase(e.Phase)?.Steps.FirstOrDefault(st => st.Id == e.StepId) switch
        {
            TStep step => step,
            Planning.Steps.ChangeSetStep changeSet => changeSet.DirectStep as TStep,
            _ => null,
        };

    /// <summary>A rollback of the entry already completed.</summary>
    public bool Done(ExecutionScope s) => s.View.LatestRollbackOf(Entry.Id) is { IsDone: true };

    /// <summary>
    /// A rollback entry for this undo. A partial undo (<paramref name="suffix"/> names the bindings) does not mark the
    /// forward entry undone: the step's effect stays for the other bindings.
    /// </summary>
    public JournalEntry NewEntry(ExecutionScope s, RollbackKind kind, string? suffix = null) =>
        s.NewEntry(Entry.Phase, $"rollback/{Entry.StepId}{suffix}", kind, null, Entry.RoleArn, JournalDirection.Rollback) with
        {
            Binding = Entry.Binding,
            UndoesEntryId = suffix is null ? Entry.Id : null,
        };
}
