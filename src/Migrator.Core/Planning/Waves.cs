using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>
/// Cuts bindings into waves of at most MaxWaveSize; a Coordinate group is never split. Groups within one cluster go
/// in that cluster's waves (by namespace); groups spanning clusters go last, batched into cross-cluster waves, rather
/// than a wave each: an estate of apps deployed to several clusters has thousands of such groups.
/// </summary>
internal static class Waves
{
    private const int NamesInTitle = 4;

    public sealed record Wave(string Title, IReadOnlyList<PlannedBinding> Bindings, IReadOnlyList<string> Notes);

    public static IReadOnlyList<Wave> Cut(IReadOnlyList<PlannedBinding> bindings, int maxSize)
    {
        // A unit moves as a whole: a Coordinate group (all its members, any cluster), or one Ready binding.
        var units = bindings
            // Grouped by the group's name, or by the binding's own key when it moves alone (no text is built per binding).
            .GroupBy(b => b.CoordinationGroup is { } group ? (object)group : b.Key)
            .Select(g => g.OrderBy(b => b.Key, BindingKeyTextOrder.Instance).ToList())
            .OrderBy(u => u[0].Key.Cluster.Key, StringComparer.Ordinal)
            .ThenBy(u => u[0].Key.Namespace, StringComparer.Ordinal)
            .ThenBy(u => u[0].Key, BindingKeyTextOrder.Instance)
            .ToList();
        var spanning = units.Where(u => u.Select(b => b.Key.Cluster).Distinct().Skip(1).Any()).ToHashSet();

        var waves = new List<Wave>();
        var current = new List<PlannedBinding>();
        var notes = new List<string>();
        string? cluster = null;
        foreach (var unit in units.Where(u => !spanning.Contains(u)))
        {
            var unitCluster = unit[0].Key.Cluster.Key;
            if (current.Count > 0 && (unitCluster != cluster || current.Count + unit.Count > maxSize))
                Flush();
            cluster = unitCluster;
            Add(unit);
        }
        if (current.Count > 0)
            Flush();
        foreach (var unit in units.Where(spanning.Contains))
        {
            if (current.Count > 0 && current.Count + unit.Count > maxSize)
                Flush();
            Add(unit);
            // The clusters are named as the titles name them (the first few and how many more): the wave's steps list
            // every binding, and a role shared across hundreds of clusters made this one note kilobytes long.
            var spanned = unit.Select(b => b.Key.Cluster.Key).Distinct().ToList();
            notes.Add($"coordinate group {unit[0].CoordinationGroup} spans {spanned.Count} clusters ({Names(spanned, "cluster")}); migrated together in this wave");
        }
        if (current.Count > 0)
            Flush();
        return waves;

        void Add(List<PlannedBinding> unit)
        {
            current.AddRange(unit);
            if (unit.Count > maxSize)
                notes.Add($"coordinate group {unit[0].CoordinationGroup} has {unit.Count} bindings, more than the wave maximum {maxSize}; kept together");
        }

        void Flush()
        {
            var clusters = current.Select(b => b.Key.Cluster.Key).Distinct().ToList();
            var namespaces = current.Select(b => b.Key.Namespace).Distinct().ToList();
            var title = $"{current.Count} binding(s) on {Names(clusters, "cluster")} in namespace(s) {Names(namespaces, "namespace")}";
            waves.Add(new Wave(title, current.ToList(), notes.ToList()));
            current.Clear();
            notes.Clear();
        }
    }

    private static string Names(IReadOnlyList<string> names, string what) => names.Count <= NamesInTitle
        ? string.Join(", ", names)
        : $"{string.Join(", ", names.Take(NamesInTitle))} and {names.Count - NamesInTitle} more {what}s";
}
