namespace Migrator.Core.Inventory;

/// <summary>A running pod and the credential wiring it carries.</summary>
public sealed record PodRecord
{
    public required ClusterRef Cluster { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required string ServiceAccountName { get; init; }
    public string? NodeName { get; init; }
    public Placement Placement { get; init; }
    public WorkloadKind? OwnerKind { get; init; }
    public string? OwnerName { get; init; }
    public CredentialMode CredentialMode { get; init; }
    /// <summary>Value of AWS_ROLE_ARN in the pod's env, when IRSA was injected.</summary>
    public string? InjectedRoleArn { get; init; }
    public bool PodIdentityLabel { get; init; }
    public IReadOnlyList<string> Images { get; init; } = [];
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>The pod ran to completion or failed (phase Succeeded/Failed): it no longer asks for credentials.</summary>
    public bool Finished { get; init; }
}
