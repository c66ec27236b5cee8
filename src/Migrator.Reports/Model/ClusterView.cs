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
    /// <summary>Identities of the migration scope in this cluster (0 before a scope exists).</summary>
    public int ScopeTotal { get; set; }
    /// <summary>Of <see cref="ScopeTotal"/>: on Pod Identity, migrated by us or native.</summary>
    public int ScopeOnPodIdentity { get; set; }
    public double ScopePercent { get; set; }
    public string? CollectionError { get; set; }
}
