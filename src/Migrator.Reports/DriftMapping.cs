using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>
/// Drift since the previous run, from the inventory's drift engine (bindings, regressions, associations and trust
/// policies changed outside the tool, clusters not compared), plus category moves from the two assessments.
/// </summary>
internal static class DriftMapping
{
    /// <param name="previous">The previous run's snapshot.</param>
    /// <param name="current">This run's snapshot.</param>
    /// <param name="categoryChanges">The bindings whose category changed since the previous run's assessment (<see cref="ReportTally"/>); null when it was not assessed.</param>
    /// <param name="toolChanges">What the tool itself changed in between.</param>
    /// <param name="trustChanges">The roles whose trust policy changed, when the snapshots were read without their texts.</param>
    public static DriftView Build(InventorySnapshot previous, InventorySnapshot current, IReadOnlyList<DriftRowView>? categoryChanges, ToolChanges? toolChanges,
        IReadOnlyList<TrustPolicyPair>? trustChanges = null)
    {
        var drift = InventoryDrift.Compare(previous, current, toolChanges, trustChanges);
        var rows = new List<DriftRowView>();
        rows.AddRange(drift.NewBindings.Select(b => new DriftRowView { Binding = b.Key.Display, Change = "Added", After = b.CurrentRoleArn ?? "" }));
        rows.AddRange(drift.RemovedBindings.Select(b => new DriftRowView { Binding = b.Key.Display, Change = "Removed", Before = b.PreviousRoleArn ?? "" }));
        rows.AddRange(drift.ChangedBindings.Select(b => new DriftRowView
        {
            Binding = b.Key.Display,
            Change = b.PreviousRoleArn != b.CurrentRoleArn ? "Role changed" : "Annotations changed",
            Before = b.PreviousRoleArn ?? "",
            After = b.CurrentRoleArn is null || b.PreviousRoleArn != b.CurrentRoleArn ? b.CurrentRoleArn ?? "" : string.Join(", ", b.ChangedAnnotations),
        }));
        rows.AddRange(drift.Regressions.Select(b => new DriftRowView { Binding = b.Key.Display, Change = "Regression", After = $"new IRSA binding in a migrated cluster: {b.CurrentRoleArn}" }));
        rows.AddRange(drift.AssociationsChangedOutsideTool.Select(a => new DriftRowView
        {
            Binding = a.Key.Display,
            Change = "Association changed outside the tool",
            Before = a.Previous?.RoleArn ?? "",
            After = a.Kind == DriftKind.Changed ? $"{a.Current?.RoleArn} ({string.Join(", ", a.ChangedFields)})" : a.Current?.RoleArn ?? "",
        }));
        rows.AddRange(drift.TrustPoliciesChangedOutsideTool.Select(t => new DriftRowView
        {
            Binding = t.RoleArn,
            Change = "Trust policy changed outside the tool",
            Before = t.Kind == DriftKind.Added ? "" : $"{(t.PreviousDocument is null ? 0 : TrustDocument.Size(t.PreviousDocument))} characters",
            After = t.Kind == DriftKind.Removed ? "role deleted" : $"{(t.CurrentDocument is null ? 0 : TrustDocument.Size(t.CurrentDocument))} characters",
        }));
        rows.AddRange(categoryChanges ?? []);
        return new DriftView
        {
            PreviousRunId = previous.RunId,
            PreviousAt = Time(previous.StartedAt),
            Added = drift.NewBindings.Count,
            Removed = drift.RemovedBindings.Count,
            RoleChanged = drift.ChangedBindings.Count(b => b.PreviousRoleArn != b.CurrentRoleArn),
            CategoryChanged = categoryChanges?.Count ?? 0,
            Regressions = drift.Regressions.Count,
            ChangedOutsideTool = drift.AssociationsChangedOutsideTool.Count() + drift.TrustPoliciesChangedOutsideTool.Count(),
            ClustersAdded = drift.ClustersAdded.Select(c => c.Key).Order(StringComparer.Ordinal).ToList(),
            ClustersRemoved = drift.ClustersRemoved.Select(c => c.Key).Order(StringComparer.Ordinal).ToList(),
            ClustersNotCompared = drift.ClustersNotCompared.Select(c => c.Key).Order(StringComparer.Ordinal).ToList(),
            Rows = rows.OrderBy(r => r.Change, StringComparer.Ordinal).ThenBy(r => r.Binding, StringComparer.Ordinal).ToList(),
        };
    }
}
