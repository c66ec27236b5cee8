using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>Reading a binding's Pod Identity associations as EKS shows them now.</summary>
internal static class Associations
{
    public static async Task<IReadOnlyList<AssociationDescription>> OfBindingAsync(ExecutionScope s, BindingKey key, CancellationToken ct)
    {
        var scope = ExecutionScope.ScopeOf(key.Cluster);
        var list = await s.Eks(t => s.Ports.Eks.ListPodIdentityAssociationsAsync(scope, key.Cluster.Name, key.Namespace, key.ServiceAccount, t), ct);
        var result = new List<AssociationDescription>();
        foreach (var a in list.Where(a => a.Namespace == key.Namespace && a.ServiceAccount == key.ServiceAccount))
            result.Add(await s.Eks(t => s.Ports.Eks.DescribePodIdentityAssociationAsync(scope, key.Cluster.Name, a.AssociationId, t), ct));
        return result;
    }
}
