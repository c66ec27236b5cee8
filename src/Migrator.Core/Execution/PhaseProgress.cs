using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>How far a phase got, read from the journal: steps in effect (done and not rolled back) of all steps.</summary>
public sealed record PhaseProgress(int Done, int Total, int Failed)
{
    public bool Complete => Total > 0 && Done == Total;

    public static PhaseProgress Of(Phase phase, IReadOnlyList<JournalEntry> journal)
    {
        var view = new JournalView(journal);
        var done = phase.Steps.Count(s => view.InEffect(s.Id) || view.LatestForward(s.Id)?.Status == JournalStatus.Manual);
        var failed = phase.Steps.Count(s => view.LatestForward(s.Id)?.Status is JournalStatus.Failed or JournalStatus.Conflict or JournalStatus.Drift);
        return new PhaseProgress(done, phase.Steps.Count, failed);
    }

    public string Status(bool approved) =>
        Total == 0 ? "nothing to do"
        : Complete ? "complete"
        : Done > 0 || Failed > 0 ? $"in progress ({Done}/{Total} steps done{(Failed > 0 ? $", {Failed} failed" : "")})"
        : approved ? "approved, not started" : "awaiting approval";
}
