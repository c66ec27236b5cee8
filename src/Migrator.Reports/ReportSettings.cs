namespace Migrator.Reports;

/// <summary>Knobs of the report (configuration section "Reports").</summary>
public sealed class ReportSettings
{
    public const string Section = "Reports";

    /// <summary>Rows per list in HTML and Markdown before "full list in CSV".</summary>
    public int TopN { get; set; } = 50;
    /// <summary>IAM OIDC providers per account: 100 by default (DOMAIN.md, IAM quotas).</summary>
    public int OidcProviderQuota { get; set; } = 100;
    /// <summary>Trust policy size limit: 2,048 by default, raisable (DOMAIN.md).</summary>
    public int TrustPolicySizeLimit { get; set; } = 2048;
    /// <summary>How many roles get a before/after trust diff (largest first).</summary>
    public int MaxTrustDiffs { get; set; } = 25;
    /// <summary>Runs shown in the trend chart (most recent).</summary>
    public int TrendRuns { get; set; } = 12;
    /// <summary>Folder of the Scriban templates; relative paths are taken from the application folder.</summary>
    public string TemplatesPath { get; set; } = "templates";
    public string OutputPath { get; set; } = "reports";
}
