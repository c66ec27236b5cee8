using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>
/// How far a phase got, read from the journal: steps in effect (done and not rolled back) of all steps, steps failed,
/// steps rolled back (done once, undone since), and verifications waiting for a CronJob's next run.
/// </summary>
public sealed record PhaseProgress(int Done, int Total, int Failed, int RolledBack = 0, int AwaitingNextRun = 0)
{
    public bool Complete => Total > 0 && Done == Total;

    public static PhaseProgress Of(Phase phase, IReadOnlyList<JournalEntry> journal) => Of(phase.Steps.Select(s => s.Id).ToList(), journal);

    /// <summary>The progress of the steps <paramref name="stepIds"/> (a phase's, in order) by the journal.</summary>
    public static PhaseProgress Of(IReadOnlyList<string> stepIds, IReadOnlyList<JournalEntry> journal)
    {
        var view = new JournalView(journal);
        var done = stepIds.Count(s => view.InEffect(s) || view.LatestForward(s)?.Status is JournalStatus.Manual or JournalStatus.VerifyOnNextRun);
        var failed = stepIds.Count(s => view.LatestForward(s)?.Status is JournalStatus.Failed or JournalStatus.Conflict or JournalStatus.Drift);
        var rolledBack = stepIds.Count(s => view.LatestForward(s) is { IsDone: true } && !view.InEffect(s));
        var awaiting = stepIds.Count(s => view.LatestForward(s)?.Status == JournalStatus.VerifyOnNextRun);
        var notes = stepIds.Count(s => !view.InEffect(s) && view.LatestForward(s)?.Status is JournalStatus.Manual or JournalStatus.VerifyOnNextRun);
        var owners = stepIds.Count(s => view.LatestForward(s)?.Status == JournalStatus.AwaitingExternalChange);
        return new PhaseProgress(done, stepIds.Count, failed, rolledBack, awaiting) { Notes = notes, AwaitingOwners = owners };
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
