using Migrator.Core.Assessment;
using Migrator.Core.Progress;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>The migration scope's progress, its regressions and the remaining cleanup items, as the report shows them.</summary>
internal static class ProgressMapping
{
    public static ScopeView Scope(ScopeProgress p, long reportRunId) => new()
    {
        FixedByPlan = p.FixedByPlanId,
        FixedAt = Time(p.FixedAt),
        BasisRunId = p.BasisRunId,
        BasisNote = p.BasisRunId == reportRunId
            ? (p.BasisComplete ? "" : $"run #{p.BasisRunId} is not complete and no complete run exists since the scope was fixed: identities of clusters it could not read count as gone")
            : $"from run #{p.BasisRunId}, the latest complete run: run #{reportRunId} could not read the whole estate",
        Scope = p.Scope,
        OnPodIdentity = p.OnPodIdentity,
        Percent = Percent(p.OnPodIdentity, p.Scope),
        AwaitingRestart = p.AwaitingRestart,
        NotYet = p.NotYet,
        Regressed = p.Regressed,
        Gone = p.Gone,
        GoneIdentities = p.Counted().GoneIdentities.Select(k => k.Display).ToList(),
        Trend = p.Trend.Select(t => new ScopeTrendView
        {
            RunId = t.RunId, At = Time(t.At), Scope = t.Scope, OnPodIdentity = t.OnPodIdentity, Percent = Percent(t.OnPodIdentity, t.Scope),
        }).ToList(),
    };

    public static List<RegressionView> Regressions(ScopeProgress? p) =>
        p is null ? [] : p.Regressions.Select(r => new RegressionView
        {
            Identity = r.Key.Display,
            Cluster = r.Key.Cluster.Key,
            RoleArn = r.RoleArn,
            Codes = string.Join(", ", r.Codes),
            Why = r.Why,
            Fix = r.Fix,
            LastOnRunId = r.LastOnRunId,
            SinceRunId = r.SinceRunId,
            Since = Time(r.Since),
            Owner = r.Owner,
        }).ToList();

    /// <summary>The cleanup.* reasons of an identity on Pod Identity, one item each.</summary>
    public static IEnumerable<CleanupItemView> CleanupItems(BindingAssessment b) =>
        b.Reasons.Where(r => r.Code.StartsWith("cleanup.", StringComparison.Ordinal)).Select(r => new CleanupItemView
        {
            Identity = b.Key.Display,
            Code = r.Code,
            Item = r.Evidence.Length == 0 ? r.Summary : $"{r.Summary} ({r.Evidence})",
            Fix = r.SuggestedAction,
        });

    /// <summary>Scope identities and those on Pod Identity (migrated or native), per cluster key.</summary>
    public static void CountClusters(List<ClusterView> clusters, ScopeProgress p)
    {
        var byCluster = p.Counted().ByCluster;
        foreach (var c in clusters)
        {
            (c.ScopeTotal, c.ScopeOnPodIdentity) = byCluster.GetValueOrDefault(c.Key);
            c.ScopePercent = Percent(c.ScopeOnPodIdentity, c.ScopeTotal);
        }
    }

    /// <summary>"X of Y identities in the migration scope (p%) run on Pod Identity", then where the rest stand.</summary>
    public static string Headline(ScopeProgress p)
    {
        var cleanup = p.Counted().CleanupPending;
        var parts = new List<string>();
        if (p.Regressed > 0) parts.Add($"{N0(p.Regressed)} regressed (on Pod Identity before, not now)");
        if (p.AwaitingRestart > 0) parts.Add($"{N0(p.AwaitingRestart)} await their pods' recreation (association in place; bare Pods and Jobs are recreated by hand)");
        if (p.NotYet > 0) parts.Add($"{N0(p.NotYet)} not moved yet");
        if (p.Gone > 0) parts.Add($"{N0(p.Gone)} gone from the estate");
        if (parts.Count == 0) parts.Add("nothing of the scope is left to move");
        return $"{N0(p.OnPodIdentity)} of {N0(p.Scope)} identities in the migration scope ({Percent(p.OnPodIdentity, p.Scope).ToString(System.Globalization.CultureInfo.InvariantCulture)}%) run on Pod Identity"
            + (cleanup == 0 ? "" : $" ({N0(cleanup)} with IRSA leftovers to clean up)")
            + "; " + string.Join("; ", parts) + ".";
    }

    private static string N0(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
