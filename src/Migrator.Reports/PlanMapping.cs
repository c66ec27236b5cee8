using Migrator.Core.Ports;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>Plan phases with their progress, and the execution journal summed up.</summary>
internal static class PlanMapping
{
    private static readonly string[] FailureOutcomes = ["Failed", "Error", "TimedOut"];

    public static PlanView Build(PlanProgressView plan, int topN)
    {
        var phases = plan.Phases.OrderBy(p => p.Order).Select(p => new PhaseView
        {
            Order = p.Order,
            Name = p.Name,
            Status = p.Status,
            TotalSteps = p.TotalSteps,
            SucceededSteps = p.SucceededSteps,
            FailedSteps = p.FailedSteps,
            RolledBackSteps = p.RolledBackSteps,
            PendingSteps = Math.Max(0, p.TotalSteps - p.SucceededSteps - p.FailedSteps - p.RolledBackSteps),
            Percent = Percent(p.SucceededSteps, p.TotalSteps),
            StartedAt = Time(p.StartedAt),
            CompletedAt = Time(p.CompletedAt),
        }).ToList();
        var journal = plan.Journal.OrderBy(j => j.At).ToList();
        static JournalRowView Row(JournalEntryView j) => new()
        {
            At = Time(j.At), Phase = j.Phase, Binding = j.Binding, Action = j.Action, Outcome = j.Outcome, Message = j.Message ?? "",
        };
        static List<CountView> Counts(IEnumerable<string> names) => names.GroupBy(n => n, StringComparer.Ordinal)
            .Select(g => new CountView { Name = g.Key, Count = g.Count() })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var total = phases.Sum(p => p.TotalSteps);
        var succeeded = phases.Sum(p => p.SucceededSteps);
        return new PlanView
        {
            PlanId = plan.PlanId,
            Status = plan.Status,
            CreatedAt = Time(plan.CreatedAt),
            TotalSteps = total,
            SucceededSteps = succeeded,
            FailedSteps = phases.Sum(p => p.FailedSteps),
            Percent = Percent(succeeded, total),
            Phases = phases,
            Shown = Shown(phases, topN),
            PhasesByStatus = Counts(phases.Select(p => p.Status)),
            Journal = new JournalSummaryView
            {
                Entries = journal.Count,
                FirstAt = journal.Count == 0 ? "" : Time(journal[0].At),
                LastAt = journal.Count == 0 ? "" : Time(journal[^1].At),
                ByOutcome = Counts(journal.Select(j => j.Outcome)),
                ByAction = Counts(journal.Select(j => j.Action)),
                Failures = journal.Where(j => FailureOutcomes.Contains(j.Outcome, StringComparer.OrdinalIgnoreCase)).TakeLast(topN).Select(Row).ToList(),
                Recent = journal.TakeLast(Math.Min(topN, 20)).Reverse().Select(Row).ToList(),
                Evidence = journal.Where(j => j.Outcome is "Held" or "EvidenceCleared").GroupBy(j => (j.Phase, j.Binding)).Select(g => g.Last())
                    .OrderBy(j => j.Phase, StringComparer.Ordinal).ThenBy(j => j.Binding, StringComparer.Ordinal).Take(Math.Max(topN, 1)).Select(Row).ToList(),
            },
        };
    }

    /// <summary>
    /// The phases HTML and Markdown list: all of a plan of at most TopN phases; of a larger one (a 20,000-binding plan has
    /// over a thousand), the phases that need attention (in progress, failed, rolled back) then the next pending ones,
    /// TopN in all, in plan order. The counts by status and the JSON report cover every phase.
    /// </summary>
    private static List<PhaseView> Shown(List<PhaseView> phases, int topN)
    {
        if (phases.Count <= topN) return phases;
        var attention = phases.Where(p => p.Status is not ("Completed" or "Pending"));
        var next = phases.Where(p => p.Status == "Pending");
        return attention.Concat(next).Take(Math.Max(1, topN)).OrderBy(p => p.Order).ToList();
    }
}
