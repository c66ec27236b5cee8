namespace Migrator.Reports.Model;

/// <summary>A binding that stays on IRSA, why, and what could replace it later.</summary>
public sealed class KeepIrsaView
{
    public string Binding { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string RoleArn { get; set; } = "";
    public string ReasonCodes { get; set; } = "";
    public string Why { get; set; } = "";
    public string Alternative { get; set; } = "";
}

/// <summary>A binding whose IRSA is broken today: how it fails and the fix.</summary>
public sealed class BrokenView
{
    public string Binding { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string RoleArn { get; set; } = "";
    public string FailureMode { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string Fix { get; set; } = "";
}

/// <summary>A role shared by several bindings or trusting too broadly.</summary>
public sealed class RoleFindingView
{
    public string RoleArn { get; set; } = "";
    public string Code { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string SuggestedAction { get; set; } = "";
    public int Bindings { get; set; }
    public int Clusters { get; set; }
}

/// <summary>One binding in the full list (HTML/Markdown show the top N, CSV all of them).</summary>
public sealed class BindingRowView
{
    public string Binding { get; set; } = "";
    public string Account { get; set; } = "";
    public string Region { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public string RoleArn { get; set; } = "";
    /// <summary>The category as people read it ("Keep IRSA").</summary>
    public string Category { get; set; } = "";
    /// <summary>The category's name as machines read it ("KeepIrsa"), as in the CSV and `assess --output json`.</summary>
    public string CategoryName { get; set; } = "";
    /// <summary>Lifecycle state: Irsa, CutOver, PodIdentity, CleanupPending.</summary>
    public string Lifecycle { get; set; } = "";
    public int Score { get; set; }
    public string ReasonCodes { get; set; } = "";
    public int Pods { get; set; }
    public string Workloads { get; set; } = "";
    public string OwningAddon { get; set; } = "";
    public bool CanaryCandidate { get; set; }
    /// <summary>The role whose bindings must move together (Coordinate), empty otherwise.</summary>
    public string CoordinationGroup { get; set; } = "";
    public bool IrsaAnnotated { get; set; }
    /// <summary>The role of the binding's Pod Identity association, empty without one.</summary>
    public string AssociationRoleArn { get; set; } = "";
    /// <summary>What manages the role and the ServiceAccount (issue 16), with the metadata that says so; empty when nothing known does.</summary>
    public string Owners { get; set; } = "";
    /// <summary>IRSA today: annotation + OIDC subject in the role's trust.</summary>
    public string Today { get; set; } = "";
    /// <summary>Pod Identity after: association + pods.eks trust (or why it stays).</summary>
    public string After { get; set; } = "";
}
