using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>An add-on's Pod Identity associations as UpdateAddon takes them (the API replaces the whole set).</summary>
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
            var a = await s.Eks(t => s.Ports.Eks.DescribePodIdentityAssociationAsync(scope, cluster.Name, id, t), ct);
            result.Add(new AddonPodIdentity(a.ServiceAccount, a.RoleArn));
        }
        return result;
    }
}
