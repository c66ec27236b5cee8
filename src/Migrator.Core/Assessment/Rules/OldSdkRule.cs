using System.Text.RegularExpressions;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Images matching Assessment:OldSdkImagePatterns ship an AWS SDK older than the container credential provider
/// minimum (DOMAIN.md "pod-id-minimum-sdk"); such pods would silently fall back to the node role.
/// </summary>
internal sealed class OldSdkRule(IReadOnlyList<(OldSdkImagePattern Spec, Regex Regex)> patterns) : IAssessmentRule
{
    public static OldSdkRule From(AssessmentSettings settings) => new(settings.OldSdkImagePatterns
        .Select(p => (p, new Regex(p.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))).ToList());

    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        var images = b.Pods.SelectMany(p => p.Images).Concat(b.Workloads.SelectMany(w => w.Images))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var matches = new List<string>();
        foreach (var image in images)
        {
            foreach (var (spec, regex) in patterns)
            {
                var m = regex.Match(image);
                if (!m.Success) continue;
                var version = m.Groups["version"];
                if (version.Success)
                {
                    if (!VersionOrder.TryParts(version.Value, out _) || VersionOrder.Compare(version.Value, spec.MinimumVersion) >= 0) continue;
                    matches.Add($"image {image} matched pattern '{spec.Pattern}': {spec.Sdk} {version.Value} < minimum {spec.MinimumVersion}");
                }
                else
                {
                    matches.Add($"image {image} matched pattern '{spec.Pattern}': {spec.Sdk} older than {spec.MinimumVersion}");
                }
                break;
            }
        }
        if (matches.Count == 0) yield break;
        yield return new Finding(ReasonCodes.OldSdk,
            "Images match a known-old AWS SDK pattern",
            $"{b.Key.Display}: {BindingContext.List(matches)}",
            "Upgrade the AWS SDK in these images to the Pod Identity minimum (see docs/assessment.md) before migrating; until then keep IRSA.");
    }
}
