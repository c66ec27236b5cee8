namespace Migrator.Core.Inventory.Collection;

/// <summary>What one cluster yielded. A failed cluster keeps only its <see cref="Cluster"/> row with the error.</summary>
internal sealed record ClusterHarvest
{
    public required ClusterInventory Cluster { get; init; }
    public IReadOnlyList<ServiceAccountRecord> ServiceAccounts { get; init; } = [];
    public IReadOnlyList<WorkloadRecord> Workloads { get; init; } = [];
    public IReadOnlyList<PodRecord> Pods { get; init; } = [];
    public IReadOnlyList<AssociationRecord> Associations { get; init; } = [];
    public IReadOnlyList<AddonRecord> Addons { get; init; } = [];

    /// <summary>Roles the cluster refers to: IRSA annotations, associations (and their targets), add-on roles.</summary>
    public IEnumerable<string> ReferencedRoleArns =>
        ServiceAccounts.Select(s => s.RoleArn)
            .Concat(Associations.SelectMany(a => new[] { a.RoleArn, a.TargetRoleArn }))
            .Concat(Addons.Select(a => a.ServiceAccountRoleArn))
            .OfType<string>();
}
