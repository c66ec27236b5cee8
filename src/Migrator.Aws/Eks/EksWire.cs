using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migrator.Aws.Eks;

/// <summary>EKS REST-JSON shapes (docs.aws.amazon.com/eks/latest/APIReference). Timestamps are epoch seconds.</summary>
internal static class EksWire
{
    /// <summary>
    /// The shapes' serialization code is generated at build (<see cref="EksWireContext"/>): reflection would build it on
    /// each shape's first use, on the critical path of the first clusters' reads.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = EksWireContext.Default,
    };

    public sealed record ListClustersResponse(List<string>? Clusters, string? NextToken);
    public sealed record DescribeClusterResponse(Cluster Cluster);

    public sealed record Cluster(string Name, string Arn, string? Version, string? PlatformVersion, string? Status, string? Endpoint,
        CertificateAuthority? CertificateAuthority, Identity? Identity, ComputeConfig? ComputeConfig);

    public sealed record CertificateAuthority(string? Data);
    public sealed record Identity(Oidc? Oidc);
    public sealed record Oidc(string? Issuer);
    public sealed record ComputeConfig(bool? Enabled);

    public sealed record ListAddonsResponse(List<string>? Addons, string? NextToken);
    public sealed record AddonResponse(Addon Addon);

    public sealed record Addon(string AddonName, string? AddonVersion, string? Status, string? ServiceAccountRoleArn, string? AddonArn,
        List<string>? PodIdentityAssociations);

    public sealed record AddonPodIdentityAssociation(string ServiceAccount, string RoleArn);
    public sealed record CreateAddonRequest(string AddonName, string ClientRequestToken, List<AddonPodIdentityAssociation>? PodIdentityAssociations);
    public sealed record UpdateAddonRequest(string ClientRequestToken, List<AddonPodIdentityAssociation> PodIdentityAssociations);
    public sealed record UpdateResponse(Update Update);
    public sealed record Update(string Id, string? Status, string? Type);

    public sealed record ListAssociationsResponse(List<AssociationSummary>? Associations, string? NextToken);

    public sealed record AssociationSummary(string ClusterName, string Namespace, string ServiceAccount, string AssociationArn, string AssociationId,
        string? OwnerArn);

    public sealed record AssociationResponse(Association Association);

    public sealed record Association(string ClusterName, string Namespace, string ServiceAccount, string RoleArn, string AssociationArn,
        string AssociationId, Dictionary<string, string>? Tags, double? CreatedAt, string? OwnerArn, bool? DisableSessionTags, string? TargetRoleArn);

    public sealed record CreateAssociationRequest(string Namespace, string ServiceAccount, string RoleArn, string ClientRequestToken,
        Dictionary<string, string>? Tags, bool? DisableSessionTags, string? TargetRoleArn);

    public sealed record UpdateAssociationRequest(string RoleArn, string ClientRequestToken, bool? DisableSessionTags, string? TargetRoleArn);

    public sealed record ListNodegroupsResponse(List<string>? Nodegroups, string? NextToken);
    public sealed record DescribeNodegroupResponse(Nodegroup Nodegroup);

    public sealed record Nodegroup(string NodegroupName, string? NodeRole, string? AmiType, string? CapacityType, Dictionary<string, string>? Labels);

    public sealed record ListFargateProfilesResponse(List<string>? FargateProfileNames, string? NextToken);
    public sealed record DescribeFargateProfileResponse(FargateProfile FargateProfile);
    public sealed record FargateProfile(string FargateProfileName, List<FargateSelector>? Selectors);
    public sealed record FargateSelector(string? Namespace, Dictionary<string, string>? Labels);
}

[JsonSerializable(typeof(EksWire.ListClustersResponse))]
[JsonSerializable(typeof(EksWire.DescribeClusterResponse))]
[JsonSerializable(typeof(EksWire.ListAddonsResponse))]
[JsonSerializable(typeof(EksWire.AddonResponse))]
[JsonSerializable(typeof(EksWire.CreateAddonRequest))]
[JsonSerializable(typeof(EksWire.UpdateAddonRequest))]
[JsonSerializable(typeof(EksWire.UpdateResponse))]
[JsonSerializable(typeof(EksWire.ListAssociationsResponse))]
[JsonSerializable(typeof(EksWire.AssociationResponse))]
[JsonSerializable(typeof(EksWire.CreateAssociationRequest))]
[JsonSerializable(typeof(EksWire.UpdateAssociationRequest))]
[JsonSerializable(typeof(EksWire.ListNodegroupsResponse))]
[JsonSerializable(typeof(EksWire.DescribeNodegroupResponse))]
[JsonSerializable(typeof(EksWire.ListFargateProfilesResponse))]
[JsonSerializable(typeof(EksWire.DescribeFargateProfileResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class EksWireContext : JsonSerializerContext;
