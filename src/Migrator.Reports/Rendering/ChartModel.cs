namespace Migrator.Reports.Rendering;

/// <summary>Geometry of the inline SVG charts, computed from the view model (presentation only, not serialised).</summary>
public sealed class ChartModel
{
    public List<DonutSegment> Donut { get; set; } = [];
    public List<ClusterBar> ClusterBars { get; set; } = [];
    public int ClusterBarsHeight { get; set; }
    public int ClustersNotShown { get; set; }
    public List<TrendSeries> Trend { get; set; } = [];
    public List<TrendLabel> TrendLabels { get; set; } = [];
    public int TrendMax { get; set; }
    public List<PhaseBar> Phases { get; set; } = [];
    public int PhasesHeight { get; set; }
}

/// <summary>A donut arc drawn as a dashed circle of circumference 100 (dash = percent).</summary>
public sealed class DonutSegment
{
    public string Label { get; set; } = "";
    public string Color { get; set; } = "";
    public int Count { get; set; }
    public double Percent { get; set; }
    public string Dash { get; set; } = "";
    public string Offset { get; set; } = "";
}

public sealed class ClusterBar
{
    public string Label { get; set; } = "";
    /// <summary>Text at the bar's end (the total), so the number never depends on reading the bar.</summary>
    public string ValueLabel { get; set; } = "";
    public int Y { get; set; }
    public int Total { get; set; }
    public List<BarPart> Parts { get; set; } = [];
}

public sealed class BarPart
{
    public string Label { get; set; } = "";
    public string Color { get; set; } = "";
    public int Count { get; set; }
    public string X { get; set; } = "";
    public string Width { get; set; } = "";
}

public sealed class TrendSeries
{
    public string Label { get; set; } = "";
    public string Color { get; set; } = "";
    public string Points { get; set; } = "";
    /// <summary>A marker per run, so a single run still shows.</summary>
    public List<ChartPoint> Dots { get; set; } = [];
    public string Dash { get; set; } = "";
    public int Last { get; set; }
}

public sealed class TrendLabel
{
    public string X { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed class ChartPoint
{
    public string X { get; set; } = "";
    public string Y { get; set; } = "";
    public string Title { get; set; } = "";
}

public sealed class PhaseBar
{
    public string Label { get; set; } = "";
    public string ValueLabel { get; set; } = "";
    public string Status { get; set; } = "";
    public double Percent { get; set; }
    public int Y { get; set; }
    public List<BarPart> Parts { get; set; } = [];
}
