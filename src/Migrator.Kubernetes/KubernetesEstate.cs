using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Kubernetes;

/// <summary>
/// Opens cluster sessions with KubernetesClient: through the kubeconfig context configured for the cluster (exec
/// plugins run through the client), else at the DescribeCluster endpoint with an EKS bearer token minted in-process.
/// </summary>
public sealed class KubernetesEstate(
    IOptions<KubernetesOptions> options,
    KubeconfigContexts kubeconfig,
    TimeProvider time,
    ILogger<KubernetesEstate> logger,
    IEksTokenSource? tokens = null) : IKubernetesEstate
{
    public Task<IClusterSession> ConnectAsync(ClusterRef cluster, ClusterDescription description, CancellationToken ct)
    {
        var o = options.Value;
        var context = kubeconfig.ContextFor(cluster);
        KubernetesClientConfiguration config;
        RefreshingTokenProvider? tokenProvider = null;
        if (context is not null)
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(o.Kubeconfig, context);
            logger.LogDebug("Connecting to {Cluster} through kubeconfig context {Context}", cluster, context);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(description.Endpoint))
            {
                throw new InvalidOperationException(
                    $"Cluster {cluster} has no API endpoint in DescribeCluster and no kubeconfig context: set Kubernetes:Kubeconfig and Kubernetes:Contexts, or check the cluster's endpoint access.");
            }

            if (tokens is null)
            {
                throw new InvalidOperationException(
                    $"Cluster {cluster} is not in the kubeconfig and no EKS token source is registered: call AddAws, or list the cluster under Kubernetes:Contexts.");
            }

            var source = tokens;
            tokenProvider = new RefreshingTokenProvider(t => source.GetTokenAsync(cluster, t), o.TokenRefreshAfter, time);
            config = new KubernetesClientConfiguration
            {
                Host = WithTrailingSlash(description.Endpoint),
                TokenProvider = tokenProvider,
                SslCaCerts = CertificatesOf(description.CertificateAuthorityData),
            };
            logger.LogDebug("Connecting to {Cluster} at {Endpoint} with an EKS token", cluster, description.Endpoint);
        }

        config.HttpClientTimeout = o.RequestTimeout;
        var client = new AsyncReadingKubernetes(config, new ResilienceHandler(KubernetesResilience.Build(o, time)), new KubernetesApiMetering());
        return Task.FromResult<IClusterSession>(new ClusterSession(cluster, client, o.PageSize, tokenProvider));
    }

    /// <summary>Connects through a kubeconfig context directly (clusters listed by <see cref="KubeconfigContexts"/>).</summary>
    public Task<IClusterSession> ConnectContextAsync(KubeconfigCluster target, CancellationToken ct) =>
        ConnectAsync(target.Cluster, new ClusterDescription { Name = target.Cluster.Name, Arn = target.Cluster.Arn }, ct);

    // KubernetesClient resolves request paths against the host, so a path prefix (/clusters/ACCT/REGION/NAME) survives
    // only with a trailing slash.
    private static string WithTrailingSlash(string endpoint) => endpoint.EndsWith('/') ? endpoint : endpoint + "/";

    private static X509Certificate2Collection? CertificatesOf(string? base64Pem)
    {
        if (string.IsNullOrWhiteSpace(base64Pem))
        {
            return null;
        }

        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(base64Pem));
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}
