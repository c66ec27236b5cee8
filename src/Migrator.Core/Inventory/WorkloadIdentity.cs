namespace Migrator.Core.Inventory;

/// <summary>
/// One workload's AWS identity, the unit a migration moves: a ServiceAccount with the IRSA role-arn annotation, a Pod
/// Identity association (ours, someone else's or an EKS add-on's), or both. <see cref="ServiceAccount"/> is null when
/// an association names a ServiceAccount the cluster does not have.
/// </summary>
public sealed record WorkloadIdentity(BindingKey Key, ServiceAccountRecord? ServiceAccount, IReadOnlyList<AssociationRecord> Associations)
{
    /// <summary>The eks.amazonaws.com/role-arn annotation value, raw; null when the ServiceAccount has none.</summary>
    public string? AnnotatedRoleArn => ServiceAccount?.RoleArn;

    public bool HasIrsaAnnotation => AnnotatedRoleArn is not null;

    public bool HasAssociation => Associations.Count > 0;

    /// <summary>
    /// Every identity of a snapshot, in key order: annotated ServiceAccounts and the (cluster, namespace, ServiceAccount)
    /// of every association, each once.
    /// </summary>
    public static IReadOnlyList<WorkloadIdentity> Of(InventorySnapshot snapshot) => Of(snapshot.ServiceAccounts, snapshot.Associations);

    /// <summary>The identities of these ServiceAccounts and associations (a snapshot's, or one cluster's), in key order.</summary>
    public static IReadOnlyList<WorkloadIdentity> Of(IReadOnlyList<ServiceAccountRecord> serviceAccounts, IReadOnlyList<AssociationRecord> associationRecords)
    {
        var associations = associationRecords.ToLookup(a => new BindingKey(a.Cluster, a.Namespace, a.ServiceAccount));
        var accounts = serviceAccounts.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First());
        return serviceAccounts.Where(s => s.RoleArn is not null).Select(s => s.Key)
            .Concat(associations.Select(g => g.Key))
            .Distinct()
            .OrderBy(k => k.Cluster.Key, StringComparer.Ordinal)
            .ThenBy(k => k.Namespace, StringComparer.Ordinal)
            .ThenBy(k => k.ServiceAccount, StringComparer.Ordinal)
            .Select(k => new WorkloadIdentity(k, accounts.GetValueOrDefault(k), associations[k].ToList()))
            .ToList();
    }
}
