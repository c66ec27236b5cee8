namespace Migrator.Reports.Model;

/// <summary>One cluster's row: how many of its bindings are in each category.</summary>
public sealed class ClusterView
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Account { get; set; } = "";
    public string Region { get; set; } = "";
    public string KubernetesVersion { get; set; } = "";
    public string AgentStatus { get; set; } = "";
    public string Issuer { get; set; } = "";
    public int Total { get; set; }
    public int Ready { get; set; }
    public int Coordinate { get; set; }
    public int KeepIrsa { get; set; }
    public int Broken { get; set; }
    public int Unused { get; set; }
    public int Migrated { get; set; }
    public double MigratedPercent { get; set; }
    public string? CollectionError { get; set; }
}
