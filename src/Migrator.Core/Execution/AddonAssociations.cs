using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>
/// An add-on's Pod Identity associations as UpdateAddon takes them (the API replaces the whole set). Read with the same
/// eventual-consistency handling as the direct association path: the calls go through the executor's IAM→EKS retry
/// (<see cref="IamEksEventualConsistency"/>), and an association the add-on lists but EKS does not describe yet (one
/// UpdateAddon just created) is doubt, not absence, polled through <see cref="EksEventualConsistency"/>.
/// </summary>
internal static class AddonAssociations
{
    /// <summary>Null when the add-on is not installed.</summary>
    public static async Task<IReadOnlyList<AddonPodIdentity>?> ReadAsync(ExecutionScope s, ClusterRef cluster, string addonName, CancellationToken ct)
    {
        var scope = ExecutionScope.ScopeOf(cluster);
        var addon = await s.Eks(t => s.Ports.Eks.DescribeAddonAsync(scope, cluster.Name, addonName, t), ct);
        if (addon is null)
            return null;
        var result = new List<AddonPodIdentity>();
        foreach (var arn in addon.PodIdentityAssociationArns)
        {
            var id = arn[(arn.LastIndexOf('/') + 1)..];
            var a = await EksEventualConsistency.UntilVisibleAsync(s, s.Now, $"association {id} of add-on {addonName}", c => DescribeAsync(s, scope, cluster.Name, id, c), ct)
                ?? throw new InvalidOperationException(
                    $"add-on {addonName} on {cluster.Key} lists association {id}, which EKS did not describe within {s.Settings.ConsistencyWindow}: re-run the phase once EKS shows it");
            result.Add(new AddonPodIdentity(a.ServiceAccount, a.RoleArn));
        }
        return result;
    }

    private static async Task<AssociationDescription?> DescribeAsync(ExecutionScope s, AwsScope scope, string cluster, string id, CancellationToken ct)
    {
        try
        {
            return await s.Eks(t => s.Ports.Eks.DescribePodIdentityAssociationAsync(scope, cluster, id, t), ct);
        }
        catch (AwsApiException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
    }
}
