namespace Migrator.Core.Inventory;

/// <summary>A ServiceAccount that carries IRSA annotations or is named by a Pod Identity association.</summary>
public sealed record ServiceAccountRecord
{
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string AudienceAnnotation = "eks.amazonaws.com/audience";
    public const string StsRegionalEndpointsAnnotation = "eks.amazonaws.com/sts-regional-endpoints";
    public const string TokenExpirationAnnotation = "eks.amazonaws.com/token-expiration";

    public required ClusterRef Cluster { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>The eks.amazonaws.com/* annotations, raw values kept exactly as found.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = None;
    public IReadOnlyDictionary<string, string> Labels { get; init; } = None;
    /// <summary>
    /// The other annotations, where owners leave their marks (meta.helm.sh/*, argocd.argoproj.io/*); kubectl's
    /// last-applied-configuration left out. Read to detect the owner; not stored.
    /// </summary>
    public IReadOnlyDictionary<string, string> OtherAnnotations { get; init; } = None;
    /// <summary>What manages the ServiceAccount (Helm, Argo CD, Flux), from its labels and annotations; null when nothing known does.</summary>
    public Ownership.ResourceOwner? Owner { get; init; }
    public string? ResourceVersion { get; init; }
    public DateTimeOffset? AnnotationChangedAt { get; init; }

    public string? RoleArn => Annotations.TryGetValue(RoleArnAnnotation, out var v) ? v : null;
    public BindingKey Key => new(Cluster, Namespace, Name);

    /// <summary>
    /// What a ServiceAccount without labels or other annotations has: one shared empty map, not one per record (three per
    /// ServiceAccount of a 200,000-binding estate).
    /// </summary>
    public static IReadOnlyDictionary<string, string> None { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}
