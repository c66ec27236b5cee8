using Migrator.Core.Planning;

namespace Migrator.Core.Execution;

/// <summary>Where a phase stands, for pipelines to gate on (`plan show --output json`, `plan list`).</summary>
public enum PhaseStatus
{
    AwaitingApproval,
    Approved,
    InProgress,
    AwaitingOwners,
    Failed,
    Complete,
    PartlyRolledBack,
    RolledBack,
    NothingToDo,
}

/// <summary>Where a plan stands as a whole, from its phases.</summary>
public enum PlanStatus
{
    AwaitingApproval,
    Approved,
    InProgress,
    Failed,
    Complete,
    RolledBack,
}

/// <summary>
/// A plan's approvals, status and progress per phase and step, read from its approvals and journal (as `plan show`
/// prints them): what a pipeline gates on. Pure: built from the stored plan (or its outline), approvals and journal.
/// </summary>
public sealed record PlanState(string PlanId, long RunId, DateTimeOffset CreatedAt, PlanStatus Status, IReadOnlyList<PhaseState> Phases)
{
    public int PhasesApproved => Phases.Count(p => p.Approval is not null);
    /// <summary>Phases whose every step is done (a phase with nothing to do is not counted).</summary>
    public int PhasesComplete => Phases.Count(p => p.Status == PhaseStatus.Complete);
    public int StepsDone => Phases.Sum(p => p.StepsDone);
    public int StepsTotal => Phases.Sum(p => p.StepsTotal);
    public int StepsFailed => Phases.Sum(p => p.StepsFailed);

    public static PlanState Of(PlanOutline plan, IReadOnlyList<PhaseApproval> approvals, IReadOnlyList<JournalEntry> journal)
    {
        var view = new JournalView(journal);
        var phases = plan.Phases.Select(p => PhaseState.Of(p, approvals.FirstOrDefault(a => a.Phase == p.Number), journal, view)).ToList();
        return new PlanState(plan.PlanId, plan.RunId, plan.CreatedAt, StatusOf(phases), phases);
    }

    public static PlanState Of(MigrationPlan plan, IReadOnlyList<PhaseApproval> approvals, IReadOnlyList<JournalEntry> journal) =>
        Of(PlanOutline.Of(plan), approvals, journal);

    private static PlanStatus StatusOf(IReadOnlyList<PhaseState> phases)
    {
        var work = phases.Where(p => p.Status != PhaseStatus.NothingToDo).ToList();
        if (work.Count == 0 || work.All(p => p.Status == PhaseStatus.Complete)) return PlanStatus.Complete;
        if (work.Any(p => p.Status == PhaseStatus.Failed)) return PlanStatus.Failed;
        if (work.All(p => p.Status is PhaseStatus.RolledBack or PhaseStatus.AwaitingApproval or PhaseStatus.Approved) && work.Any(p => p.Status == PhaseStatus.RolledBack))
            return PlanStatus.RolledBack;
        if (work.Any(p => p.Status is PhaseStatus.InProgress or PhaseStatus.AwaitingOwners or PhaseStatus.PartlyRolledBack or PhaseStatus.Complete or PhaseStatus.RolledBack))
            return PlanStatus.InProgress;
        return work.Any(p => p.Status == PhaseStatus.Approved) ? PlanStatus.Approved : PlanStatus.AwaitingApproval;
    }
}

/// <summary>One phase: its approval, status (as a name and as `plan show` words it) and step counts, and each step's state.</summary>
public sealed record PhaseState(
    int Number, PhaseKind Kind, string Title, PhaseStatus Status, string StatusText, PhaseApproval? Approval,
    int StepsDone, int StepsTotal, int StepsFailed, int StepsRolledBack, int AwaitingNextRun, int AwaitingOwners, IReadOnlyList<StepState> Steps)
{
    internal static PhaseState Of(PhaseOutline phase, PhaseApproval? approval, IReadOnlyList<JournalEntry> journal, JournalView view)
    {
        var progress = PhaseProgress.Of(phase.StepIds, journal);
        var steps = phase.StepIds.Select(id => StepState.Of(id, view)).ToList();
        return new PhaseState(phase.Number, phase.Kind, phase.Title, StatusOf(progress, approval is not null), progress.Status(approval is not null), approval,
            progress.Done, progress.Total, progress.Failed, progress.RolledBack, progress.AwaitingNextRun, progress.AwaitingOwners, steps);
    }

    /// <summary>The same decision as <see cref="PhaseProgress.Status"/>, as a name.</summary>
    private static PhaseStatus StatusOf(PhaseProgress p, bool approved) =>
        p.Total == 0 ? PhaseStatus.NothingToDo
        : p.RolledBack > 0 && p.Failed == 0 && p.Done - p.Notes <= 0 ? PhaseStatus.RolledBack
        : p.RolledBack > 0 ? PhaseStatus.PartlyRolledBack
        : p.Complete ? PhaseStatus.Complete
        : p.Failed > 0 ? PhaseStatus.Failed
        : p.AwaitingOwners > 0 ? PhaseStatus.AwaitingOwners
        : p.Done > 0 ? PhaseStatus.InProgress
        : approved ? PhaseStatus.Approved : PhaseStatus.AwaitingApproval;
}

/// <summary>
/// One step: the status of its latest forward journal entry ("Pending" when it never ran), whether its change is in
/// effect (done and not rolled back), and when and what the journal last said of it.
/// </summary>
public sealed record StepState(string Id, string Status, bool InEffect, DateTimeOffset? At, string? Message)
{
    public const string Pending = "Pending";

    internal static StepState Of(string stepId, JournalView view)
    {
        var latest = view.LatestForward(stepId);
        return latest is null
            ? new StepState(stepId, Pending, false, null, null)
            : new StepState(stepId, latest.Status.ToString(), view.InEffect(stepId), latest.CompletedAt ?? latest.StartedAt, latest.Message.Length == 0 ? null : latest.Message);
    }
}
