namespace Migrator.Reports.Model;

/// <summary>The executive summary: where the migration stands and why, in numbers and one sentence.</summary>
public sealed class SummaryView
{
    public int TotalBindings { get; set; }
    public int Clusters { get; set; }
    public int Accounts { get; set; }
    public int Ready { get; set; }
    public int Coordinate { get; set; }
    public int KeepIrsa { get; set; }
    public int Broken { get; set; }
    public int Unused { get; set; }
    public int Migrated { get; set; }
    /// <summary>Of <see cref="Migrated"/>: identities with IRSA leftovers (lifecycle CleanupPending).</summary>
    public int CleanupPending { get; set; }
    /// <summary>Ready + Coordinate: can move to Pod Identity now.</summary>
    public int Movable { get; set; }
    public double ReadyPercent { get; set; }
    public double MigratedPercent { get; set; }
    public double KeepIrsaPercent { get; set; }
    public double BrokenPercent { get; set; }
    /// <summary>Migrated since the previous run (negative when bindings moved back).</summary>
    public int? MigratedDelta { get; set; }
    public int? TotalDelta { get; set; }
    /// <summary>On track / Needs attention / Blocked: one word for the status badge.</summary>
    public string Status { get; set; } = "";
    public string StatusReason { get; set; } = "";
    public string Headline { get; set; } = "";
    /// <summary>When we will be done at the recent pace (or why that cannot be said).</summary>
    public string Pace { get; set; } = "";
    /// <summary>The reasons holding the most bindings back, most first.</summary>
    public List<ReasonView> TopBlockers { get; set; } = [];
}

public sealed class TrendPointView
{
    public long RunId { get; set; }
    public string At { get; set; } = "";
    public int Total { get; set; }
    public int Migrated { get; set; }
    /// <summary>Of <see cref="Migrated"/>: identities with IRSA leftovers (lifecycle CleanupPending).</summary>
    public int CleanupPending { get; set; }
    public int Movable { get; set; }
    public int KeepIrsa { get; set; }
    public int Broken { get; set; }
}

public sealed class CategoryView
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public string Meaning { get; set; } = "";
    public int Count { get; set; }
    public double Percent { get; set; }
    /// <summary>Chart colour; the label always goes with it (colour is never the only signal).</summary>
    public string Color { get; set; } = "";
}

public sealed class ReasonView
{
    public string Code { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Summary { get; set; } = "";
    public string SuggestedAction { get; set; } = "";
    public int Count { get; set; }
    /// <summary>Categories of the bindings that carry the reason, e.g. "KeepIrsa 12, Broken 1".</summary>
    public string Categories { get; set; } = "";
}
