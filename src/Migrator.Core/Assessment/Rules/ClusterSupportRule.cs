using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Pod Identity needs EKS with Kubernetes ≥ 1.24 and a minimum platform version per minor (DOMAIN.md "Versions",
/// configurable in Assessment:MinimumPlatformVersions); self-managed Kubernetes is not supported.
/// </summary>
internal sealed class ClusterSupportRule : IAssessmentRule
{
    // The verdict is the cluster's (and the settings', fixed for one assessment): found once per cluster, not per binding.
    private readonly Dictionary<ClusterInventory, List<Finding>> _byCluster = new(ReferenceEqualityComparer.Instance);

    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Cluster is not { } c) return [];
        if (!_byCluster.TryGetValue(c, out var findings))
            _byCluster[c] = findings = Of(c, b.Settings).ToList();
        return findings;
    }

    private static IEnumerable<Finding> Of(ClusterInventory c, AssessmentSettings settings)
    {
        var where = BindingContext.Describe(c.Ref);
        if ((c.PlatformVersion.Length > 0 && !c.PlatformVersion.StartsWith("eks.", StringComparison.Ordinal))
            || (c.OidcIssuer is { } issuer && !Issuers.IsEks(issuer)))
        {
            yield return Unsupported($"{where} is not EKS (platform version '{c.PlatformVersion}', issuer '{c.OidcIssuer}')");
            yield break;
        }
        if (!VersionOrder.TryParts(c.KubernetesVersion, out var k) || k.Count < 2 || c.PlatformVersion.Length == 0)
        {
            yield return new Finding(ReasonCodes.ClusterVersionUnknown,
                "The cluster's Kubernetes or platform version is unknown; the version gate was skipped",
                $"{where}: Kubernetes '{c.KubernetesVersion}', platform '{c.PlatformVersion}'",
                "Re-run the inventory with eks:DescribeCluster permission for this cluster.");
            yield break;
        }
        var minor = $"{k[0]}.{k[1]}";
        if (VersionOrder.Compare(minor, settings.MinimumKubernetesVersion) < 0)
        {
            yield return Unsupported($"{where} runs Kubernetes {c.KubernetesVersion} ({c.PlatformVersion}); Pod Identity needs {settings.MinimumKubernetesVersion} or later");
            yield break;
        }
        if (settings.MinimumPlatformVersions.TryGetValue(minor, out var min) && VersionOrder.Compare(c.PlatformVersion, min) < 0)
            yield return Unsupported($"{where} runs Kubernetes {minor} on platform {c.PlatformVersion}; Pod Identity needs {min} or later for {minor}");
    }

    private static Finding Unsupported(string evidence) => new(ReasonCodes.ClusterUnsupported,
        "The cluster cannot run EKS Pod Identity",
        evidence,
        "Keep IRSA until the cluster is upgraded (EKS updates the platform version within a minor automatically over time; upgrade the minor to get there now).");
}
