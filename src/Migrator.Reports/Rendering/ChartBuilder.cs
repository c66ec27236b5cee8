using System.Globalization;
using Migrator.Reports.Model;

namespace Migrator.Reports.Rendering;

/// <summary>Lays out the charts: donut by category, stacked bars per cluster, trend lines over runs, phase progress.</summary>
public static class ChartBuilder
{
    public const int MaxClusterBars = 15;
    private const double BarLeft = 190, BarWidth = 390, TrendLeft = 60, TrendWidth = 520, TrendTop = 10, TrendHeight = 170;

    private static string F(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static ChartModel Build(ReportModel model)
    {
        var chart = new ChartModel();
        double offset = 25; // start at 12 o'clock
        foreach (var c in model.Categories.Where(c => c.Count > 0))
        {
            var share = model.Summary.TotalBindings == 0 ? 0 : 100.0 * c.Count / model.Summary.TotalBindings;
            chart.Donut.Add(new DonutSegment { Label = c.Label, Color = c.Color, Count = c.Count, Percent = c.Percent, Dash = $"{F(share)} {F(100 - share)}", Offset = F(offset) });
            offset = (offset - share + 100) % 100;
        }

        var clusters = model.Clusters.OrderByDescending(c => c.Total).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxClusterBars).ToList();
        chart.ClustersNotShown = model.Clusters.Count - clusters.Count;
        var widest = Math.Max(1, clusters.Count == 0 ? 1 : clusters.Max(c => c.Total));
        var y = 0;
        foreach (var c in clusters)
        {
            var bar = new ClusterBar { Label = c.Name.Length > 26 ? c.Name[..25] + "…" : c.Name, Y = y, Total = c.Total, ValueLabel = $"{c.Total.ToString("N0", CultureInfo.InvariantCulture)} · {c.MigratedPercent.ToString("0.#", CultureInfo.InvariantCulture)}% done" };
            var x = BarLeft;
            foreach (var (label, color, count) in Parts(c, model.Categories))
            {
                var w = BarWidth * count / widest;
                bar.Parts.Add(new BarPart { Label = label, Color = color, Count = count, X = F(x), Width = F(w) });
                x += w;
            }
            chart.ClusterBars.Add(bar);
            y += 26;
        }
        chart.ClusterBarsHeight = Math.Max(26, y);

        var points = model.Trend;
        chart.TrendMax = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Total));
        double X(int i) => points.Count <= 1 ? TrendLeft + TrendWidth / 2 : TrendLeft + TrendWidth * i / (points.Count - 1);
        double Y(int v) => TrendTop + TrendHeight - TrendHeight * v / chart.TrendMax;
        TrendSeries Series(string label, string color, string dash, Func<TrendPointView, int> value) => new()
        {
            Label = label, Color = color, Dash = dash, Last = points.Count == 0 ? 0 : value(points[^1]),
            Points = string.Join(' ', points.Select((p, i) => $"{F(X(i))},{F(Y(value(p)))}")),
            Dots = points.Select((p, i) => new ChartPoint { X = F(X(i)), Y = F(Y(value(p))), Title = $"{label}, run #{p.RunId}: {value(p).ToString("N0", CultureInfo.InvariantCulture)}" }).ToList(),
        };
        chart.Trend =
        [
            Series("Migrated", "#1a7f37", "", p => p.Migrated),
            Series("Can move", "#2f81f7", "6 3", p => p.Movable),
            Series("Keep IRSA", "#9a6700", "2 3", p => p.KeepIrsa),
            Series("Broken", "#cf222e", "8 3 2 3", p => p.Broken),
        ];
        chart.TrendLabels = points.Select((p, i) => new TrendLabel { X = F(X(i)), Text = $"#{p.RunId}" }).ToList();

        y = 0;
        foreach (var p in model.Plan?.Shown ?? [])
        {
            var total = Math.Max(1, p.TotalSteps);
            var bar = new PhaseBar { Label = p.Name.Length > 26 ? p.Name[..25] + "…" : p.Name, Status = p.Status, Percent = p.Percent, Y = y, ValueLabel = $"{p.Percent.ToString("0.#", CultureInfo.InvariantCulture)}% · {p.Status}" };
            var x = BarLeft;
            foreach (var (label, color, count) in new[] { ("Succeeded", "#1a7f37", p.SucceededSteps), ("Failed", "#cf222e", p.FailedSteps), ("Rolled back", "#9a6700", p.RolledBackSteps), ("Pending", "#d0d7de", p.PendingSteps) })
            {
                if (count == 0) continue;
                var w = BarWidth * count / total;
                bar.Parts.Add(new BarPart { Label = label, Color = color, Count = count, X = F(x), Width = F(w) });
                x += w;
            }
            chart.Phases.Add(bar);
            y += 26;
        }
        chart.PhasesHeight = Math.Max(26, y);
        return chart;
    }

    private static IEnumerable<(string Label, string Color, int Count)> Parts(ClusterView c, List<CategoryView> categories)
    {
        foreach (var cat in categories)
        {
            var n = cat.Key switch
            {
                "Migrated" => c.Migrated, "Ready" => c.Ready, "Coordinate" => c.Coordinate,
                "KeepIrsa" => c.KeepIrsa, "Broken" => c.Broken, _ => c.Unused,
            };
            if (n > 0) yield return (cat.Label, cat.Color, n);
        }
    }
}
