namespace Migrator.Core.Planning;

/// <summary>Cuts bindings into waves by cluster then namespace, at most MaxWaveSize each; a Coordinate group is never split.</summary>
internal static class Waves
{
    public sealed record Wave(string Title, IReadOnlyList<PlannedBinding> Bindings, IReadOnlyList<string> Notes);

    public static IReadOnlyList<Wave> Cut(IReadOnlyList<PlannedBinding> bindings, int maxSize)
    {
        // A unit moves as a whole: a Coordinate group (all its members, any cluster), or one Ready binding.
        var units = bindings
            .GroupBy(b => b.CoordinationGroup ?? "single:" + b.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(b => b.Key.ToString(), StringComparer.Ordinal).ToList())
            .OrderBy(u => u[0].Key.Cluster.Key, StringComparer.Ordinal)
            .ThenBy(u => u[0].Key.Namespace, StringComparer.Ordinal)
            .ThenBy(u => u[0].Key.ToString(), StringComparer.Ordinal)
            .ToList();

        var waves = new List<Wave>();
        var current = new List<PlannedBinding>();
        var notes = new List<string>();
        string? cluster = null;
        foreach (var unit in units)
        {
            var unitCluster = unit[0].Key.Cluster.Key;
            var spansClusters = unit.Select(b => b.Key.Cluster).Distinct().Count() > 1;
            if (current.Count > 0 && (unitCluster != cluster || current.Count + unit.Count > maxSize || spansClusters))
                Flush();
            cluster = unitCluster;
            current.AddRange(unit);
            if (unit.Count > maxSize)
                notes.Add($"coordinate group {unit[0].CoordinationGroup} has {unit.Count} bindings, more than the wave maximum {maxSize}; kept together");
            if (spansClusters)
            {
                notes.Add($"coordinate group {unit[0].CoordinationGroup} spans clusters {string.Join(", ", unit.Select(b => b.Key.Cluster.Key).Distinct())}; migrated together in this wave");
                Flush();
            }
        }
        if (current.Count > 0)
            Flush();
        return waves;

        void Flush()
        {
            var clusters = current.Select(b => b.Key.Cluster.Key).Distinct().ToList();
            var namespaces = current.Select(b => b.Key.Namespace).Distinct().ToList();
            var title = $"{current.Count} binding(s) on {string.Join(", ", clusters)} in namespace(s) {string.Join(", ", namespaces)}";
            waves.Add(new Wave(title, current.ToList(), notes.ToList()));
            current.Clear();
            notes.Clear();
        }
    }
}
