using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Reports.Model;
using static Migrator.Reports.ReportFormatting;

namespace Migrator.Reports;

/// <summary>What changed since the previous run: bindings added or removed, role annotations changed, categories moved.</summary>
internal static class DriftMapping
{
    public static DriftView Build(InventorySnapshot previous, AssessmentResult? previousAssessment, InventorySnapshot current, List<BindingAssessment> bindings)
    {
        var before = previous.IrsaBindings.ToDictionary(s => s.Key.ToString(), StringComparer.Ordinal);
        var after = current.IrsaBindings.ToDictionary(s => s.Key.ToString(), StringComparer.Ordinal);
        var rows = new List<DriftRowView>();
        foreach (var (key, sa) in after.Where(a => !before.ContainsKey(a.Key)))
            rows.Add(new DriftRowView { Binding = sa.Key.Display, Change = "Added", After = sa.RoleArn ?? "" });
        foreach (var (key, sa) in before.Where(b => !after.ContainsKey(b.Key)))
            rows.Add(new DriftRowView { Binding = sa.Key.Display, Change = "Removed", Before = sa.RoleArn ?? "" });
        foreach (var (key, sa) in after.Where(a => before.TryGetValue(a.Key, out var b) && b.RoleArn != a.Value.RoleArn))
            rows.Add(new DriftRowView { Binding = sa.Key.Display, Change = "Role changed", Before = before[key].RoleArn ?? "", After = sa.RoleArn ?? "" });
        var categoryChanged = 0;
        if (previousAssessment is not null)
        {
            var was = previousAssessment.Bindings.ToDictionary(b => b.Key.ToString(), b => b.Category, StringComparer.Ordinal);
            foreach (var b in bindings)
            {
                if (!was.TryGetValue(b.Key.ToString(), out var old) || old == b.Category) continue;
                categoryChanged++;
                rows.Add(new DriftRowView { Binding = b.Key.Display, Change = "Category changed", Before = CategoryCatalog.Label(old), After = CategoryCatalog.Label(b.Category) });
            }
        }
        var clustersBefore = previous.Clusters.Select(c => c.Ref.Key).ToHashSet(StringComparer.Ordinal);
        var clustersAfter = current.Clusters.Select(c => c.Ref.Key).ToHashSet(StringComparer.Ordinal);
        return new DriftView
        {
            PreviousRunId = previous.RunId,
            PreviousAt = Time(previous.StartedAt),
            Added = rows.Count(r => r.Change == "Added"),
            Removed = rows.Count(r => r.Change == "Removed"),
            RoleChanged = rows.Count(r => r.Change == "Role changed"),
            CategoryChanged = categoryChanged,
            ClustersAdded = clustersAfter.Except(clustersBefore).Order(StringComparer.Ordinal).ToList(),
            ClustersRemoved = clustersBefore.Except(clustersAfter).Order(StringComparer.Ordinal).ToList(),
            Rows = rows.OrderBy(r => r.Change, StringComparer.Ordinal).ThenBy(r => r.Binding, StringComparer.Ordinal).ToList(),
        };
    }
}
