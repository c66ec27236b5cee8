namespace Migrator.Reports.Model;

/// <summary>What changed in the estate since the previous run.</summary>
public sealed class DriftView
{
    public long PreviousRunId { get; set; }
    public string PreviousAt { get; set; } = "";
    public int Added { get; set; }
    public int Removed { get; set; }
    public int RoleChanged { get; set; }
    public int CategoryChanged { get; set; }
    /// <summary>New IRSA bindings in clusters that had already migrated bindings.</summary>
    public int Regressions { get; set; }
    /// <summary>Associations and trust policies changed by someone other than the tool.</summary>
    public int ChangedOutsideTool { get; set; }
    /// <summary>Clusters that failed to collect in either run: nothing inside them was compared.</summary>
    public List<string> ClustersNotCompared { get; set; } = [];
    public List<string> ClustersAdded { get; set; } = [];
    public List<string> ClustersRemoved { get; set; } = [];
    public List<DriftRowView> Rows { get; set; } = [];
}

public sealed class DriftRowView
{
    public string Binding { get; set; } = "";
    /// <summary>Added, Removed, Role changed, Annotations changed, Regression, ... changed outside the tool, Category changed.</summary>
    public string Change { get; set; } = "";
    public string Before { get; set; } = "";
    public string After { get; set; } = "";
}
