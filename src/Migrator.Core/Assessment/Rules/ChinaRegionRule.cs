namespace Migrator.Core.Assessment.Rules;

/// <summary>EKS Pod Identity is not offered in China regions (DOMAIN.md); the list is Assessment:UnsupportedRegions.</summary>
internal sealed class ChinaRegionRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        var region = b.Key.Cluster.Region;
        if (!b.Settings.UnsupportedRegions.Contains(region, StringComparer.Ordinal)) yield break;
        yield return new Finding(ReasonCodes.ChinaRegion,
            "EKS Pod Identity is not available in this region",
            $"{BindingContext.Describe(b.Key.Cluster)} is in region {region} (partition {b.Key.Cluster.Partition}), listed in Assessment:UnsupportedRegions",
            "Keep IRSA in this region.");
    }
}
