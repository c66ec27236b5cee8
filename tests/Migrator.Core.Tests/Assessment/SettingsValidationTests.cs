using Migrator.Core.Assessment;

namespace Migrator.Core.Tests.Assessment;

public class SettingsValidationTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(AssessmentSettingsValidation.Validate(new AssessmentSettings()));

    [Fact]
    public void Every_problem_is_reported_with_its_config_path()
    {
        var s = new AssessmentSettings
        {
            Weights = new() { ["keep.nope"] = 5, [ReasonCodes.Fargate] = 101 },
            CanaryMinimumScore = -1,
            AssociationQuota = 0,
            MinimumKubernetesVersion = "v1",
            MinimumPlatformVersions = new() { ["1.28"] = "4" },
            OldSdkImagePatterns = [new OldSdkImagePattern { Pattern = "(", Sdk = "", MinimumVersion = "latest" }],
        };
        var problems = AssessmentSettingsValidation.Validate(s);
        Assert.Contains(problems, p => p.StartsWith("Assessment:Weights:keep.nope: unknown reason code", StringComparison.Ordinal));
        Assert.Contains("Assessment:Weights:keep.fargate: 101 is outside 0..100.", problems);
        Assert.Contains("Assessment:CanaryMinimumScore: -1 is outside 0..100.", problems);
        Assert.Contains(problems, p => p.StartsWith("Assessment:AssociationQuota: 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Assessment:MinimumKubernetesVersion: 'v1'", StringComparison.Ordinal));
        Assert.Contains("Assessment:MinimumPlatformVersions:1.28: '4' is not an EKS platform version (eks.N).", problems);
        Assert.Contains(problems, p => p.StartsWith("Assessment:OldSdkImagePatterns:0:Pattern: '(' is not a valid regex", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Assessment:OldSdkImagePatterns:0:Sdk: empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Assessment:OldSdkImagePatterns:0:MinimumVersion: 'latest'", StringComparison.Ordinal));
        Assert.Equal(9, problems.Count);
    }

    [Theory]
    [InlineData("2.15.0", "2.13.9", 1)]
    [InlineData("eks.13", "eks.9", 1)]
    [InlineData("1.24", "1.24.0", 0)]
    [InlineData("release-2023-11-14", "release-2024-03-13", -1)]
    public void Versions_compare_numerically(string a, string b, int sign) => Assert.Equal(sign, Math.Sign(VersionOrder.Compare(a, b)));
}
