namespace Migrator.Sandbox;

/// <summary>A running pod: env as the webhook mutated it at creation, the node it runs on, its owner.</summary>
public sealed class Pod : NamespacedKubeObject
{
    public string ServiceAccountName { get; set; } = "default";
    public string? NodeName { get; set; }
    public Dictionary<string, string> NodeSelector { get; set; } = [];
    public List<Container> Containers { get; set; } = [];
    /// <summary>Projected volumes the webhook adds (aws-iam-token, eks-pod-identity-token).</summary>
    public List<Volume> Volumes { get; set; } = [];
    public List<OwnerReference> OwnerReferences { get; set; } = [];
    /// <summary>Pending, Running, Succeeded, Failed.</summary>
    public string Phase { get; set; } = "Running";
    public bool Ready { get; set; } = true;
    public DateTimeOffset? StartTime { get; set; }
    public string? PodIp { get; set; }
    /// <summary>Set while the pod is terminating (rollouts).</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }
}

public sealed class OwnerReference
{
    public string ApiVersion { get; set; } = "apps/v1";
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string Uid { get; set; }
    public bool Controller { get; set; } = true;
    public bool BlockOwnerDeletion { get; set; } = true;
}

public sealed class Volume
{
    public required string Name { get; set; }
    /// <summary>Service-account token projection: audience and path (e.g. sts.amazonaws.com, token).</summary>
    public string? ProjectedAudience { get; set; }
    public string? ProjectedPath { get; set; }
    public long? ExpirationSeconds { get; set; }
}
