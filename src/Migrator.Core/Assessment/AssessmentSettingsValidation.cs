using System.Text.RegularExpressions;

namespace Migrator.Core.Assessment;

/// <summary>Every problem of an <see cref="AssessmentSettings"/>, each prefixed with its configuration path.</summary>
public static partial class AssessmentSettingsValidation
{
    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex MinorPattern();

    [GeneratedRegex(@"^eks\.\d+$")]
    private static partial Regex PlatformPattern();

    public static IReadOnlyList<string> Validate(AssessmentSettings s, string section = AssessmentSettings.SectionName)
    {
        var problems = new List<string>();
        foreach (var (code, weight) in s.Weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (!ReasonCatalog.IsKnown(code))
                problems.Add($"{section}:Weights:{code}: unknown reason code; known codes: {string.Join(", ", ReasonCatalog.All.Select(d => d.Code))}.");
            else if (weight is < 0 or > 100)
                problems.Add($"{section}:Weights:{code}: {weight} is outside 0..100.");
        }
        if (s.CanaryMinimumScore is < 0 or > 100)
            problems.Add($"{section}:CanaryMinimumScore: {s.CanaryMinimumScore} is outside 0..100.");
        if (s.UnusedAfter <= TimeSpan.Zero)
            problems.Add($"{section}:UnusedAfter: {s.UnusedAfter} must be more than 0 (e.g. 90.00:00:00).");
        if (s.AssociationQuota < 1)
            problems.Add($"{section}:AssociationQuota: {s.AssociationQuota} must be at least 1 (EKS allows 5000 per cluster).");
        if (s.TrustPolicySizeQuota < 2048)
            problems.Add($"{section}:TrustPolicySizeQuota: {s.TrustPolicySizeQuota} must be at least 2048 (IAM's default role trust policy length).");
        if (!MinorPattern().IsMatch(s.MinimumKubernetesVersion))
            problems.Add($"{section}:MinimumKubernetesVersion: '{s.MinimumKubernetesVersion}' is not MAJOR.MINOR (e.g. 1.24).");
        foreach (var (minor, platform) in s.MinimumPlatformVersions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!MinorPattern().IsMatch(minor))
                problems.Add($"{section}:MinimumPlatformVersions:{minor}: key is not a Kubernetes MAJOR.MINOR (e.g. 1.28).");
            if (!PlatformPattern().IsMatch(platform))
                problems.Add($"{section}:MinimumPlatformVersions:{minor}: '{platform}' is not an EKS platform version (eks.N).");
        }
        for (var i = 0; i < s.UnsupportedRegions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(s.UnsupportedRegions[i]))
                problems.Add($"{section}:UnsupportedRegions:{i}: empty region name.");
        }
        for (var i = 0; i < s.OldSdkImagePatterns.Count; i++)
        {
            var p = s.OldSdkImagePatterns[i];
            var path = $"{section}:OldSdkImagePatterns:{i}";
            if (string.IsNullOrWhiteSpace(p.Pattern))
            {
                problems.Add($"{path}:Pattern: empty; give a .NET regex matched against the image reference.");
            }
            else
            {
                try
                {
                    _ = new Regex(p.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    problems.Add($"{path}:Pattern: '{p.Pattern}' is not a valid regex: {e.Message}");
                }
            }
            if (string.IsNullOrWhiteSpace(p.Sdk))
                problems.Add($"{path}:Sdk: empty; name the SDK (e.g. 'boto3') so the evidence says which one.");
            if (!VersionOrder.TryParts(p.MinimumVersion, out _))
                problems.Add($"{path}:MinimumVersion: '{p.MinimumVersion}' has no numeric version (e.g. 1.34.41).");
        }
        return problems;
    }
}
