namespace Migrator.Core.Ports;

/// <summary>
/// The EKS operations the migration uses, shaped around our tasks. Implemented by Migrator.Aws over REST-JSON.
/// Errors surface as <see cref="AwsApiException"/> with the AWS error code.
/// </summary>
public interface IEksApi
{
    Task<IReadOnlyList<string>> ListClustersAsync(AwsScope scope, CancellationToken ct);
    Task<ClusterDescription> DescribeClusterAsync(AwsScope scope, string clusterName, CancellationToken ct);

    Task<IReadOnlyList<string>> ListAddonsAsync(AwsScope scope, string clusterName, CancellationToken ct);
    /// <summary>Null when the add-on is not installed (ResourceNotFoundException).</summary>
    Task<AddonDescription?> DescribeAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct);
    Task<AddonDescription> CreateAddonAsync(AwsScope scope, string clusterName, string addonName, CancellationToken ct);
    /// <summary>UpdateAddon with podIdentityAssociations: the add-on API's way to migrate add-on-owned ServiceAccounts.</summary>
    Task UpdateAddonPodIdentityAsync(AwsScope scope, string clusterName, string addonName, IReadOnlyList<AddonPodIdentity> associations, CancellationToken ct);

    /// <summary>All pages; optional filters as the API offers them.</summary>
    Task<IReadOnlyList<AssociationSummary>> ListPodIdentityAssociationsAsync(AwsScope scope, string clusterName, string? @namespace, string? serviceAccount, CancellationToken ct);
    Task<AssociationDescription> DescribePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct);
    Task<AssociationDescription> CreatePodIdentityAssociationAsync(AwsScope scope, CreateAssociationRequest request, CancellationToken ct);
    /// <summary>UpdatePodIdentityAssociation: only the role (and target role / session tags) can change, never namespace or ServiceAccount.</summary>
    Task<AssociationDescription> UpdatePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, string roleArn, string? targetRoleArn, bool? disableSessionTags, CancellationToken ct);
    Task DeletePodIdentityAssociationAsync(AwsScope scope, string clusterName, string associationId, CancellationToken ct);

    Task<IReadOnlyList<NodegroupDescription>> ListNodegroupsAsync(AwsScope scope, string clusterName, CancellationToken ct);
    Task<IReadOnlyList<FargateProfileDescription>> ListFargateProfilesAsync(AwsScope scope, string clusterName, CancellationToken ct);
}
