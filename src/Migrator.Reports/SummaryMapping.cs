using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>The executive summary: counts, a status word with its reason, and the one-sentence headline.</summary>
internal static class SummaryMapping
{
    public static SummaryView Build(InventorySnapshot snapshot, ReportTally tally, ReportModel model, PlanProgressView? plan, Core.Progress.ScopeProgress? scope = null)
    {
        int N(BindingCategory c) => tally.Count(c);
        var total = tally.Total;
        var s = new SummaryView
        {
            TotalBindings = total,
            Clusters = model.Clusters.Count,
            Accounts = model.Clusters.Select(c => c.Account).Distinct().Count(),
            Ready = N(BindingCategory.Ready),
            Coordinate = N(BindingCategory.Coordinate),
            KeepIrsa = N(BindingCategory.KeepIrsa),
            Broken = N(BindingCategory.Broken),
            Unused = N(BindingCategory.Unused),
            Migrated = N(BindingCategory.Migrated),
            CleanupPending = tally.CleanupPending,
        };
        s.Movable = s.Ready + s.Coordinate;
        s.ReadyPercent = Percent(s.Movable, total);
        s.MigratedPercent = Percent(s.Migrated, total);
        s.KeepIrsaPercent = Percent(s.KeepIrsa, total);
        s.BrokenPercent = Percent(s.Broken, total);
        if (model.Trend.Count >= 2)
        {
            var previous = model.Trend[^2];
            s.MigratedDelta = s.Migrated - previous.Migrated;
            s.TotalDelta = total - previous.Total;
        }
        s.TopBlockers = model.Reasons.Where(r => r.Severity == nameof(ReasonSeverity.Blocker)).Take(5).ToList();

        var failedSteps = plan?.Phases.Sum(p => p.FailedSteps) ?? 0;
        if (scope is { Regressed: > 0 })
            (s.Status, s.StatusReason) = ("Regressed", $"{N0(scope.Regressed)} identit{(scope.Regressed == 1 ? "y" : "ies")} of the migration scope ran on Pod Identity in an earlier run and do{(scope.Regressed == 1 ? "es" : "")} not now: see Regressions");
        else if (total == 0)
            (s.Status, s.StatusReason) = ("No data", "no workload identities (IRSA annotation or Pod Identity association) were found in this run");
        else if (failedSteps > 0)
            (s.Status, s.StatusReason) = ("Blocked", $"{N0(failedSteps)} plan step(s) failed and wait for a decision");
        else if (s.Movable == 0 && s.Broken == 0)
            (s.Status, s.StatusReason) = ("Complete", "every binding that can move has moved");
        else if (s.Broken > 0 || snapshot.Status != RunStatus.Complete)
            (s.Status, s.StatusReason) = ("Needs attention", s.Broken > 0
                ? $"{N0(s.Broken)} binding(s) have broken IRSA today and must be fixed or retired first"
                : $"the inventory run is {snapshot.Status}: some of the estate could not be read");
        else
            (s.Status, s.StatusReason) = ("On track", "nothing is broken; the remaining bindings can move");

        var keepWhy = KeepIrsaReasons(tally).Take(2).Select(r => $"{r.Summary.TrimEnd('.')}: {N0(r.Count)}").ToList();
        // Migrated = verified on Pod Identity, whether we moved it or it was native (association without annotation).
        var estate = $"{N0(s.Migrated)} of {N0(total)} workload identities ({s.MigratedPercent}%) run on Pod Identity"
            + (s.CleanupPending == 0 ? "; " : $" ({N0(s.CleanupPending)} with IRSA leftovers to clean up); ")
            + $"{N0(s.Movable)} ({s.ReadyPercent}%) can move now; "
            + $"{N0(s.KeepIrsa)} stay on IRSA{(keepWhy.Count == 0 ? "" : $" ({string.Join("; ", keepWhy)})")}; "
            + $"{N0(s.Broken)} {(s.Broken == 1 ? "is" : "are")} broken today.";
        // With a scope, its progress leads; the whole estate follows. Without one, the estate's figures are the headline.
        s.Headline = scope is null ? estate : ProgressMapping.Headline(scope) + " Estate: " + estate;
        return s;
    }

    /// <summary>
    /// Why bindings stay on IRSA, most bindings first: only Blocker and Warning reasons that lead to the keep-IRSA
    /// category. An Info note a keep-IRSA binding also carries (e.g. the agent is missing, which the plan installs)
    /// is not a reason to stay.
    /// </summary>
    internal static IEnumerable<(string Code, string Summary, int Count)> KeepIrsaReasons(ReportTally tally) =>
        tally.KeepIrsaReasons.Select(r => (Code: r.Key, r.Value.Summary, r.Value.Count))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal);

    internal static bool KeepsIrsa(AssessmentReason r) =>
        r.Severity >= ReasonSeverity.Warning
        && (!ReasonCatalog.IsKnown(r.Code) || ReasonCatalog.Get(r.Code).Category is BindingCategory.KeepIrsa);

    private static string N0(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
