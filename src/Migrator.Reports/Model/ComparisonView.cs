namespace Migrator.Reports.Model;

/// <summary>IRSA today vs EKS Pod Identity after, for this estate: dimensions, trust diffs, removable OIDC parts.</summary>
public sealed class ComparisonView
{
    public List<DimensionView> Dimensions { get; set; } = [];
    /// <summary>Annotations that can go now (binding migrated and verified).</summary>
    public int AnnotationsRemovableNow { get; set; }
    /// <summary>Annotations that go once every movable binding has moved.</summary>
    public int AnnotationsRemovableAfter { get; set; }
    public int AnnotationsStaying { get; set; }
    public List<OidcProviderView> OidcProviders { get; set; } = [];
    public List<AccountQuotaView> Accounts { get; set; } = [];
    public int RolesToRewrite { get; set; }
    public int TrustDiffsShown { get; set; }
    /// <summary>Why no diff is shown, when the trust rewriter is not available.</summary>
    public string? TrustDiffNote { get; set; }
    public List<TrustDiffView> TrustDiffs { get; set; } = [];
}

/// <summary>One comparison dimension (setup steps, moving parts, blast radius, multi-cluster, cross-account).</summary>
public sealed class DimensionView
{
    public string Dimension { get; set; } = "";
    public string Irsa { get; set; } = "";
    public string PodIdentity { get; set; } = "";
    public string ThisEstate { get; set; } = "";
}

public sealed class OidcProviderView
{
    public string Account { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string Arn { get; set; } = "";
    public string Clusters { get; set; } = "";
    public int Bindings { get; set; }
    public int Migrated { get; set; }
    public int Remaining { get; set; }
    public int KeepIrsa { get; set; }
    /// <summary>Removable now / After migration / Stays / No inventoried cluster.</summary>
    public string Status { get; set; } = "";
}

public sealed class AccountQuotaView
{
    public string Account { get; set; } = "";
    public int Providers { get; set; }
    public int Quota { get; set; }
    public int Headroom { get; set; }
    public int ProvidersAfter { get; set; }
    public int HeadroomAfter { get; set; }
}

public sealed class TrustDiffView
{
    public string RoleArn { get; set; } = "";
    public string Bindings { get; set; } = "";
    public int SizeBefore { get; set; }
    public int SizeAfter { get; set; }
    public bool Success { get; set; }
    public string Error { get; set; } = "";
    public List<string> Warnings { get; set; } = [];
    public List<DiffLineView> Lines { get; set; } = [];
}

public sealed class DiffLineView
{
    /// <summary>" " unchanged, "+" added, "-" removed.</summary>
    public string Op { get; set; } = " ";
    public string Text { get; set; } = "";
}
