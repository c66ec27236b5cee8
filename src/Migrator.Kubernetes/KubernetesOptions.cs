namespace Migrator.Kubernetes;

/// <summary>Options section <c>Kubernetes</c>: how sessions reach clusters and how hard they may push.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>Path of a kubeconfig file; when set, clusters named by <see cref="Contexts"/> are reached through it.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>kubeconfig contexts to use. Empty with a kubeconfig set means every context in the file.</summary>
    public List<KubeconfigContextOptions> Contexts { get; set; } = [];

    /// <summary>The <c>limit</c> of every list call.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>At most this many requests in flight to one cluster.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How often a request answered 429 (or 503 with Retry-After) is retried before the error surfaces.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Upper bound of a single wait, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Age after which an EKS bearer token is minted anew. EKS accepts a token for 15 minutes and
    /// <c>aws eks get-token</c> reports 14, so a session refreshes well before that.
    /// </summary>
    public TimeSpan TokenRefreshAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
}

/// <summary>
/// One kubeconfig context and the EKS cluster it reaches. <see cref="Cluster"/> is <c>ACCOUNT/REGION/NAME</c>; it may be
/// left out when the context name is the cluster ARN, as <c>aws eks update-kubeconfig</c> writes it.
/// </summary>
public sealed class KubeconfigContextOptions
{
    public string Name { get; set; } = "";
    public string? Cluster { get; set; }
}
