namespace Migrator.Sandbox;

/// <summary>Base URLs of a running sandbox (http://127.0.0.1:PORT, no trailing slash).</summary>
public sealed record SandboxEndpoints(string EksUrl, string IamUrl, string StsUrl, string KubernetesUrl, string AdminUrl)
{
    /// <summary>CloudTrail (LookupEvents over JSON 1.1).</summary>
    public string CloudTrailUrl { get; init; } = "";

    /// <summary>The Kubernetes API server URL of one cluster: {KubernetesUrl}/clusters/{account}/{region}/{cluster}.</summary>
    public string ClusterUrl(string accountId, string region, string clusterName) =>
        $"{KubernetesUrl}/clusters/{accountId}/{region}/{clusterName}";

    public string ClusterUrl(Cluster cluster) => ClusterUrl(cluster.AccountId, cluster.Region, cluster.Name);

    public string UrlOf(SandboxService service) => service switch
    {
        SandboxService.Eks => EksUrl,
        SandboxService.Iam => IamUrl,
        SandboxService.Sts => StsUrl,
        SandboxService.Kubernetes => KubernetesUrl,
        SandboxService.CloudTrail => CloudTrailUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };
}
