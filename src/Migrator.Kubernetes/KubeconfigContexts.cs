using System.Text.RegularExpressions;
using k8s;
using Microsoft.Extensions.Options;
using Migrator.Core.Inventory;

namespace Migrator.Kubernetes;

/// <summary>A kubeconfig context and the EKS cluster it reaches.</summary>
public sealed record KubeconfigCluster(string Context, ClusterRef Cluster);

/// <summary>
/// The clusters reachable through the configured kubeconfig: the listed contexts, or every context whose name is an
/// EKS cluster ARN (as <c>aws eks update-kubeconfig</c> names them) or whose server is a sandbox cluster URL.
/// </summary>
public sealed partial class KubeconfigContexts(IOptions<KubernetesOptions> options)
{
    public IReadOnlyList<KubeconfigCluster> List()
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Kubeconfig))
        {
            return [];
        }

        if (o.Contexts.Count > 0)
        {
            return o.Contexts
                .Select(c => new KubeconfigCluster(c.Name, (c.Cluster is null ? ParseClusterArn(c.Name) : ParseClusterKey(c.Cluster))
                    ?? throw new InvalidOperationException($"Kubernetes:Contexts: context '{c.Name}' names no cluster.")))
                .ToList();
        }

        var file = KubernetesClientConfiguration.LoadKubeConfig(o.Kubeconfig);
        var servers = (file.Clusters ?? []).ToDictionary(c => c.Name, c => c.ClusterEndpoint?.Server, StringComparer.Ordinal);
        var result = new List<KubeconfigCluster>();
        foreach (var context in file.Contexts ?? [])
        {
            var server = context.ContextDetails?.Cluster is { } name && servers.TryGetValue(name, out var s) ? s : null;
            var cluster = ParseClusterArn(context.Name) ?? (server is null ? null : ParseServerPath(server));
            if (cluster is not null)
            {
                result.Add(new KubeconfigCluster(context.Name, cluster));
            }
        }

        return result;
    }

    /// <summary>The context to use for <paramref name="cluster"/>, or null when it is not reached through the kubeconfig.</summary>
    public string? ContextFor(ClusterRef cluster) => List().FirstOrDefault(c => c.Cluster == cluster)?.Context;

    /// <summary><c>arn:PARTITION:eks:REGION:ACCOUNT:cluster/NAME</c> to a cluster reference.</summary>
    public static ClusterRef? ParseClusterArn(string text)
    {
        var m = ClusterArn().Match(text);
        return m.Success ? new ClusterRef(m.Groups["account"].Value, m.Groups["region"].Value, m.Groups["name"].Value) : null;
    }

    /// <summary><c>ACCOUNT/REGION/NAME</c> (the storage key) to a cluster reference.</summary>
    public static ClusterRef? ParseClusterKey(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 3 && parts.All(p => p.Length > 0) ? new ClusterRef(parts[0], parts[1], parts[2]) : null;
    }

    /// <summary>A server URL ending in <c>/clusters/ACCOUNT/REGION/NAME</c>, as the simulated estate serves clusters.</summary>
    public static ClusterRef? ParseServerPath(string server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var m = ServerPath().Match(uri.AbsolutePath);
        return m.Success ? new ClusterRef(m.Groups["account"].Value, m.Groups["region"].Value, Uri.UnescapeDataString(m.Groups["name"].Value)) : null;
    }

    [GeneratedRegex(@"^arn:aws[\w-]*:eks:(?<region>[a-z0-9-]+):(?<account>\d{12}):cluster/(?<name>[A-Za-z0-9][A-Za-z0-9_-]*)$")]
    private static partial Regex ClusterArn();

    [GeneratedRegex(@"/clusters/(?<account>[^/]+)/(?<region>[^/]+)/(?<name>[^/]+)/?$")]
    private static partial Regex ServerPath();
}
