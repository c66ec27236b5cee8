using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Reports;

/// <summary>
/// Maps the executor's plan and journal into the report's <see cref="PlanProgressView"/>. A step counts by its latest
/// forward entry: done (Succeeded/AlreadyDone) and not undone → succeeded; undone by a rollback → rolled back;
/// Failed/Conflict/Drift → failed; otherwise (not started, Started, Manual, Abandoned) → pending.
/// </summary>
public static class PlanProgressProjection
{
    public static PlanProgressView From(MigrationPlan plan, IReadOnlyList<JournalEntry> journal) => From(PlanOutline.Of(plan), journal);

    public static PlanProgressView From(PlanOutline plan, IReadOnlyList<JournalEntry> journal)
    {
        var entries = journal.Where(e => e.PlanId == plan.PlanId).OrderBy(e => e.Id).ToList();
        var undone = entries.Where(e => e.Direction == JournalDirection.Rollback && e.IsDone && e.UndoesEntryId is not null)
            .Select(e => e.UndoesEntryId!.Value).ToHashSet();
        var latest = entries.Where(e => e.Direction == JournalDirection.Forward)
            .GroupBy(e => e.StepId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        var entriesByPhase = entries.ToLookup(e => e.Phase);
        // A step's entries carry its phase (step ids are unique to their phase): each phase is counted from its steps'
        // latest entries, so the step ids themselves need not be read.
        var latestByPhase = latest.Values.ToLookup(e => e.Phase);
        var phases = plan.Phases.OrderBy(p => p.Number).Select(p =>
        {
            int succeeded = 0, failed = 0, rolledBack = 0;
            foreach (var e in latestByPhase[p.Number])
            {
                if (e.IsDone && undone.Contains(e.Id)) rolledBack++;
                else if (e.IsDone) succeeded++;
                else if (e.Status is JournalStatus.Failed or JournalStatus.Conflict or JournalStatus.Drift) failed++;
            }
            var phaseEntries = entriesByPhase[p.Number].ToList();
            var status = p.StepCount > 0 && succeeded == p.StepCount ? "Completed"
                : failed > 0 ? "Failed"
                : rolledBack > 0 ? "Rolled back"
                : phaseEntries.Count > 0 ? "In progress"
                : "Pending";
            return new PhaseProgressView(
                p.Number, p.Title, status, p.StepCount, succeeded, failed, rolledBack,
                phaseEntries.Count == 0 ? null : phaseEntries.Min(e => e.StartedAt),
                status == "Completed" ? phaseEntries.Max(e => e.CompletedAt ?? e.StartedAt) : null);
        }).ToList();

        var titles = plan.Phases.ToDictionary(p => p.Number, p => p.Title);
        var planStatus = phases.Count > 0 && phases.All(p => p.Status == "Completed") ? "Completed"
            : phases.Any(p => p.Status == "Failed") ? "Failed"
            : phases.Any(p => p.Status != "Pending") ? "In progress"
            : "Planned";
        return new PlanProgressView
        {
            PlanId = plan.PlanId,
            CreatedAt = plan.CreatedAt,
            Status = planStatus,
            Phases = phases,
            Journal = entries.Select(e => new JournalEntryView(
                e.CompletedAt ?? e.StartedAt,
                titles.TryGetValue(e.Phase, out var t) ? t : $"Phase {e.Phase}",
                e.Binding?.ToString() ?? e.RoleArn ?? "",
                e.Direction == JournalDirection.Rollback ? $"{e.StepKind} (rollback)" : e.StepKind.ToString(),
                e.Status.ToString(),
                e.Message.Length == 0 ? null : e.Message)).ToList(),
        };
    }

    /// <summary>What the journal says the tool changed between two runs (for drift that is not "outside the tool").</summary>
    public static ToolChanges ToolChangesBetween(IReadOnlyList<JournalEntry> journal, DateTimeOffset from, DateTimeOffset to)
    {
        var window = journal.Where(e => e.Status == JournalStatus.Succeeded && e.StartedAt >= from && e.StartedAt <= to).ToList();
        return new ToolChanges
        {
            RoleArns = window.Where(e => e.RoleArn is not null && e.StepKind.IsTrustWrite).Select(e => e.RoleArn!).ToHashSet(StringComparer.Ordinal),
            Associations = window.Where(e => e.StepKind.IsAssociationWrite).Select(e => e.Binding).OfType<BindingKey>().ToHashSet(),
        };
    }
}
