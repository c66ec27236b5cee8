using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>
/// How far a phase got, read from the journal: steps in effect (done and not rolled back) of all steps, steps failed,
/// steps rolled back (done once, undone since), and verifications waiting for a CronJob's next run.
/// </summary>
public sealed record PhaseProgress(int Done, int Total, int Failed, int RolledBack = 0, int AwaitingNextRun = 0)
{
    public bool Complete => Total > 0 && Done == Total;

    public static PhaseProgress Of(Phase phase, IReadOnlyList<JournalEntry> journal)
    {
        var view = new JournalView(journal);
        var done = phase.Steps.Count(s => view.InEffect(s.Id) || view.LatestForward(s.Id)?.Status is JournalStatus.Manual or JournalStatus.VerifyOnNextRun);
        var failed = phase.Steps.Count(s => view.LatestForward(s.Id)?.Status is JournalStatus.Failed or JournalStatus.Conflict or JournalStatus.Drift);
        var rolledBack = phase.Steps.Count(s => view.LatestForward(s.Id) is { IsDone: true } && !view.InEffect(s.Id));
        var awaiting = phase.Steps.Count(s => view.LatestForward(s.Id)?.Status == JournalStatus.VerifyOnNextRun);
        var notes = phase.Steps.Count(s => !view.InEffect(s.Id) && view.LatestForward(s.Id)?.Status is JournalStatus.Manual or JournalStatus.VerifyOnNextRun);
        var owners = phase.Steps.Count(s => view.LatestForward(s.Id)?.Status == JournalStatus.AwaitingExternalChange);
        return new PhaseProgress(done, phase.Steps.Count, failed, rolledBack, awaiting) { Notes = notes, AwaitingOwners = owners };
    }

    /// <summary>Manual and awaiting-next-run steps never roll back: a phase is rolled back when nothing else is in effect.</summary>
    public string Status(bool approved) =>
        Total == 0 ? "nothing to do"
        : RolledBack > 0 && Failed == 0 && !AnyInEffectBesidesNotes ? $"rolled back ({RolledBack}/{Total} steps undone)"
        : RolledBack > 0 ? $"partly rolled back ({Done}/{Total} steps in effect, {RolledBack} undone{(Failed > 0 ? $", {Failed} failed" : "")})"
        : Complete ? AwaitingNextRun > 0 ? $"complete; {AwaitingNextRun} verification(s) wait for a CronJob's next run" : "complete"
        : Done > 0 || Failed > 0 || AwaitingOwners > 0 ? $"in progress ({Done}/{Total} steps done{(Failed > 0 ? $", {Failed} failed" : "")}{(AwaitingOwners > 0 ? $", {AwaitingOwners} waiting for their owners to apply change-sets" : "")})"
        : approved ? "approved, not started" : "awaiting approval";

    private bool AnyInEffectBesidesNotes => Done - Notes > 0;

    /// <summary>Manual-restart notes and awaiting verifications count as done but are not changes a rollback undoes.</summary>
    public int Notes { get; init; }

    /// <summary>Change-set steps written and not yet seen live (AwaitingExternalChange).</summary>
    public int AwaitingOwners { get; init; }
}
