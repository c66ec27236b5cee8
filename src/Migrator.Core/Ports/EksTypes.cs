using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>DescribeCluster, reduced to what the migration needs.</summary>
public sealed record ClusterDescription
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public string Version { get; init; } = "";
    public string PlatformVersion { get; init; } = "";
    public string Status { get; init; } = "";
    public string Endpoint { get; init; } = "";
    /// <summary>Base64 PEM of the cluster CA (certificateAuthority.data).</summary>
    public string? CertificateAuthorityData { get; init; }
    public string? OidcIssuer { get; init; }
    /// <summary>computeConfig.enabled: EKS Auto Mode, where the Pod Identity agent is built in.</summary>
    public bool AutoMode { get; init; }
}

public sealed record AddonDescription
{
    public required string Name { get; init; }
    public string Version { get; init; } = "";
    public string Status { get; init; } = "";
    public string? ServiceAccountRoleArn { get; init; }
    public string Arn { get; init; } = "";
    public IReadOnlyList<string> PodIdentityAssociationArns { get; init; } = [];
}

/// <summary>An add-on's Pod Identity association as UpdateAddon/CreateAddon take it.</summary>
public sealed record AddonPodIdentity(string ServiceAccount, string RoleArn);

public sealed record AssociationSummary(string AssociationId, string AssociationArn, string Namespace, string ServiceAccount, string? OwnerArn);

/// <summary>DescribePodIdentityAssociation: the association, the name of its cluster and its tags.</summary>
public sealed record AssociationDescription : AssociationDetails
{
    public required string ClusterName { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record CreateAssociationRequest
{
    public required string ClusterName { get; init; }
    public required string Namespace { get; init; }
    public required string ServiceAccount { get; init; }
    public required string RoleArn { get; init; }
    public string? TargetRoleArn { get; init; }
    public bool DisableSessionTags { get; init; }
    /// <summary>Idempotency token; the executor derives it from the journal entry.</summary>
    public string? ClientRequestToken { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record NodegroupDescription(string Name, string? NodeRoleArn, string AmiType, string CapacityType, IReadOnlyDictionary<string, string> Labels);

public sealed record FargateProfileDescription(string Name, IReadOnlyList<string> Namespaces);
