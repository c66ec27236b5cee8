namespace Migrator.Core.Assessment;

/// <summary>
/// Weights, thresholds and switches of the assessment (configuration section "Assessment"; defaults in
/// docs/assessment.md and appsettings.json). Plain data: the host binds and validates it.
/// </summary>
public sealed class AssessmentSettings
{
    public const string SectionName = "Assessment";

    /// <summary>Score weight per reason code, overriding <see cref="ReasonCatalog"/> defaults (0..100).</summary>
    public Dictionary<string, int> Weights { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ready bindings scoring at least this are canary candidates (lowest risk first).</summary>
    public int CanaryMinimumScore { get; set; } = 90;

    /// <summary>Plan cross-account roles through an association targetRoleArn (role chaining, EKS since 2025-06-11).</summary>
    public bool AllowCrossAccountTargetRole { get; set; }

    /// <summary>
    /// True (default, issue #5 "IRSA federation must stay"): a binding whose role is also trusted by issuers outside
    /// the migration KeepIrsa. False: the role keeps those IRSA statements (the rewrite only removes this cluster's
    /// subject, DOMAIN.md) and the binding moves, as Coordinate.
    /// </summary>
    public bool ExternalFederationKeepsBindingOnIrsa { get; set; } = true;

    /// <summary>
    /// unused.no-recent-use: an identity whose credentials were not used for this long (CloudTrail uses in the
    /// inventory's look-back window, IAM RoleLastUsed beyond it) is Unused. 90 days by default.
    /// </summary>
    public TimeSpan UnusedAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Pod Identity associations per cluster (5,000, not adjustable; older docs said 1,000).</summary>
    public int AssociationQuota { get; set; } = 5000;

    /// <summary>
    /// The largest role trust policy IAM accepts in these accounts (quota "Role trust policy length": 2,048 by default,
    /// 4,096 at most per the IAM quotas page, DOMAIN.md). A document over it cannot be written back, so Pod Identity
    /// trust cannot be added: the binding keeps IRSA until the document shrinks.
    /// </summary>
    public int TrustPolicySizeQuota { get; set; } = 4096;

    /// <summary>Lowest Kubernetes minor that supports Pod Identity.</summary>
    public string MinimumKubernetesVersion { get; set; } = "1.24";

    /// <summary>Minimum EKS platform version per Kubernetes minor; minors above the highest key need none.</summary>
    public Dictionary<string, string> MinimumPlatformVersions { get; set; } = new(StringComparer.Ordinal)
    {
        ["1.24"] = "eks.13",
        ["1.25"] = "eks.10",
        ["1.26"] = "eks.9",
        ["1.27"] = "eks.8",
        ["1.28"] = "eks.4",
        ["1.29"] = "eks.1",
        ["1.30"] = "eks.2",
        ["1.31"] = "eks.4",
    };

    /// <summary>Regions where Pod Identity is not offered (China).</summary>
    public List<string> UnsupportedRegions { get; set; } = ["cn-north-1", "cn-northwest-1"];

    public List<OldSdkImagePattern> OldSdkImagePatterns { get; set; } = DefaultOldSdkImagePatterns();

    /// <summary>Images that ship a pinned AWS CLI/SDK version in their tag (DOMAIN.md minimum SDKs).</summary>
    public static List<OldSdkImagePattern> DefaultOldSdkImagePatterns() =>
    [
        new() { Pattern = @"(^|/)(amazon|aws-cli)/aws-cli:(?<version>2\.\d+\.\d+)", Sdk = "AWS CLI v2", MinimumVersion = "2.15.0" },
        new() { Pattern = @"(^|/)(amazon|aws-cli)/aws-cli:(?<version>1\.\d+\.\d+)", Sdk = "AWS CLI v1", MinimumVersion = "1.30.0" },
        new() { Pattern = @"(^|/)[^:]*boto3[^:]*:(?<version>1\.\d+\.\d+)", Sdk = "boto3", MinimumVersion = "1.34.41" },
        new() { Pattern = @"(^|/)[^:]*aws-sdk-go[^:]*:v?(?<version>1\.\d+\.\d+)", Sdk = "Go v1", MinimumVersion = "1.47.11" },
        new() { Pattern = @"(^|/)[^:]*aws-sdk-java[^:]*:(?<version>2\.\d+\.\d+)", Sdk = "Java v2", MinimumVersion = "2.21.30" },
    ];

    public int WeightOf(string code) => Weights.TryGetValue(code, out var w) ? w : ReasonCatalog.Get(code).DefaultWeight;
}
