using Migrator.Core.Inventory.Drift;
using Migrator.Core.Progress;

namespace Migrator.Verbs.Inventory;

/// <summary>The text form of a drift report: one section per kind of change, empty sections left out.</summary>
internal static class DriftText
{
    public static void Write(TextWriter w, DriftReport d)
    {
        w.WriteLine($"drift from run {d.FromRunId} to run {d.ToRunId}: {(d.IsEmpty ? "no changes" : "changes found")}");
        Section(w, "clusters added", d.ClustersAdded, c => c.Key);
        Section(w, "clusters removed", d.ClustersRemoved, c => c.Key);
        Section(w, "clusters not compared (collection failed)", d.ClustersNotCompared, c => c.Key);
        Section(w, "new IRSA bindings", d.NewBindings, b => $"{b.Key}  → {b.CurrentRoleArn}");
        Section(w, "removed IRSA bindings", d.RemovedBindings, b => $"{b.Key}  (was {b.PreviousRoleArn})");
        Section(w, "changed IRSA bindings", d.ChangedBindings, b => $"{b.Key}  {string.Join(", ", b.ChangedAnnotations)}: {b.PreviousRoleArn} → {b.CurrentRoleArn}");
        Section(w, "REGRESSIONS: new IRSA bindings in clusters already migrating", d.Regressions, b => $"{b.Key}  → {b.CurrentRoleArn}");
        Section(w, "associations changed", d.Associations, a =>
            $"{a.Key}  {a.Kind.ToString().ToLowerInvariant()}"
            + (a.ChangedFields.Count > 0 ? $" ({string.Join(", ", a.ChangedFields)})" : "")
            + $": {a.Previous?.RoleArn ?? "-"} → {a.Current?.RoleArn ?? "-"}"
            + (a.ByTool ? " [by migrator]" : " [outside migrator]"));
        Section(w, "trust policies changed", d.TrustPolicies, t =>
            $"{t.RoleArn}  {t.Kind.ToString().ToLowerInvariant()}" + (t.ByTool ? " [by migrator]" : " [outside migrator]"));
    }

    /// <summary>Identities of the migration scope that ran on Pod Identity in an earlier run and do not at run TO.</summary>
    public static void WriteRegressions(TextWriter w, long to, long from, IReadOnlyList<Regression> regressions)
    {
        Section(w, $"REGRESSIONS: identities of the migration scope no longer on Pod Identity at run {to}", regressions, r =>
            $"{r.Key}  {string.Join(", ", r.Codes)}: was on Pod Identity in run {r.LastOnRunId}, not since run {r.SinceRunId} ({r.Since:yyyy-MM-dd HH:mm} UTC)"
            + (r.SinceRunId > from ? $" [new since run {from}]" : "")
            + $": {r.Why}" + (r.Fix.Length == 0 ? "" : $"; fix: {r.Fix}"));
    }

    private static void Section<T>(TextWriter w, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0) return;
        w.WriteLine();
        w.WriteLine($"{title} ({items.Count}):");
        foreach (var item in items)
            w.WriteLine($"  {line(item)}");
    }
}
