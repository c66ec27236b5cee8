using System.Text.Json.Serialization;

namespace Migrator.Sandbox;

/// <summary>
/// Object metadata every simulated Kubernetes object carries. uid, resourceVersion, generation and creationTimestamp
/// are assigned when the sandbox loads the estate if the file leaves them out, and move as the API server moves them.
/// </summary>
public abstract class KubeObject
{
    [JsonPropertyOrder(-10)]
    public required string Name { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long Generation { get; set; } = 1;
    public DateTimeOffset? CreationTimestamp { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public Dictionary<string, string> Annotations { get; set; } = [];
}

/// <summary>A Kubernetes object that lives in a namespace.</summary>
public abstract class NamespacedKubeObject : KubeObject
{
    [JsonPropertyOrder(-11)]
    public required string Namespace { get; set; }
}

public sealed class KubeNamespace : KubeObject
{
    public string Phase { get; set; } = "Active";
}

public sealed class ServiceAccount : NamespacedKubeObject
{
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string AudienceAnnotation = "eks.amazonaws.com/audience";
    public const string StsRegionalEndpointsAnnotation = "eks.amazonaws.com/sts-regional-endpoints";
    public const string TokenExpirationAnnotation = "eks.amazonaws.com/token-expiration";

    public bool? AutomountServiceAccountToken { get; set; }
    /// <summary>When the eks.amazonaws.com annotations last changed (pods started before then carry stale env).</summary>
    public DateTimeOffset? AnnotationsUpdatedAt { get; set; }

    [JsonIgnore]
    public string? RoleArn => Annotations.TryGetValue(RoleArnAnnotation, out var v) ? v : null;
}
