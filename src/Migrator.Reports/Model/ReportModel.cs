namespace Migrator.Reports.Model;

/// <summary>
/// Everything a report shows, as plain classes: the Scriban templates read it (snake_case member names) and the
/// json format serialises it. Values are raw (unescaped); each template escapes for its own output language.
/// </summary>
public sealed class ReportModel
{
    public string Title { get; set; } = "IRSA → EKS Pod Identity migration";
    public string GeneratedAt { get; set; } = "";
    public long RunId { get; set; }
    public string RunStartedAt { get; set; } = "";
    public string RunStatus { get; set; } = "";
    public string AssessedAt { get; set; } = "";
    public long? PreviousRunId { get; set; }
    /// <summary>How many rows the HTML and Markdown list before "…and N more (full list in CSV)".</summary>
    public int TopN { get; set; }
    /// <summary>Identities of the migration scope that were on Pod Identity and are not now: shown before anything else.</summary>
    public List<RegressionView> Regressions { get; set; } = [];
    /// <summary>Progress of the migration scope; null before the first plan fixes a scope.</summary>
    public ScopeView? Scope { get; set; }
    public SummaryView Summary { get; set; } = new();
    public List<TrendPointView> Trend { get; set; } = [];
    public List<CategoryView> Categories { get; set; } = [];
    public List<ReasonView> Reasons { get; set; } = [];
    public List<ClusterView> Clusters { get; set; } = [];
    /// <summary>Every binding staying on IRSA: the first TopN held (what HTML and Markdown show), all when enumerated (<see cref="RowList{T}"/>).</summary>
    public IReadOnlyList<KeepIrsaView> KeepIrsa { get; set; } = [];
    /// <summary>Every broken binding, held as <see cref="KeepIrsa"/> is.</summary>
    public IReadOnlyList<BrokenView> Broken { get; set; } = [];
    /// <summary>Remaining IRSA leftovers of identities on Pod Identity, one row per cleanup.* reason, held as <see cref="KeepIrsa"/> is.</summary>
    public IReadOnlyList<CleanupItemView> Cleanup { get; set; } = [];
    public List<RoleFindingView> SharedRoles { get; set; } = [];
    public List<RoleFindingView> OverBroadRoles { get; set; } = [];
    public PlanView? Plan { get; set; }
    public DriftView? Drift { get; set; }
    public ComparisonView Comparison { get; set; } = new();
    /// <summary>Every binding, held as <see cref="KeepIrsa"/> is: the CSV and JSON read them all again from the state file.</summary>
    public IReadOnlyList<BindingRowView> Bindings { get; set; } = [];
    public List<string> CollectionErrors { get; set; } = [];
}
