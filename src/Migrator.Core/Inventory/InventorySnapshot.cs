namespace Migrator.Core.Inventory;

/// <summary>Everything one inventory run collected. Later stages read this, never the cloud.</summary>
public sealed record InventorySnapshot
{
    public long RunId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public RunStatus Status { get; init; }
    /// <summary>The --accounts/--clusters filter the run was collected with; null when it covers the whole estate.</summary>
    public string? Filter { get; init; }
    public IReadOnlyList<ClusterInventory> Clusters { get; init; } = [];
    public IReadOnlyList<ServiceAccountRecord> ServiceAccounts { get; init; } = [];
    public IReadOnlyList<WorkloadRecord> Workloads { get; init; } = [];
    public IReadOnlyList<PodRecord> Pods { get; init; } = [];
    public IReadOnlyList<AssociationRecord> Associations { get; init; } = [];
    public IReadOnlyList<RoleRecord> Roles { get; init; } = [];
    public IReadOnlyList<OidcProviderRecord> OidcProviders { get; init; } = [];
    public IReadOnlyList<AddonRecord> Addons { get; init; } = [];
    public IReadOnlyList<CollectionError> Errors { get; init; } = [];
    /// <summary>How the run collected where it chose another way than planned (no data lost); shown by the inventory verb and stored with the run.</summary>
    public IReadOnlyList<CollectionNote> Notes { get; init; } = [];
    /// <summary>Recorded credential uses per identity (CloudTrail, issue 17); empty when evidence is off or was not read.</summary>
    public IReadOnlyList<Evidence.IdentityUsage> Usage { get; init; } = [];

    /// <summary>IRSA bindings: ServiceAccounts that carry the role-arn annotation.</summary>
    public IEnumerable<ServiceAccountRecord> IrsaBindings => ServiceAccounts.Where(s => s.RoleArn is not null);

    /// <summary>Workload identities: ServiceAccounts with an IRSA annotation, a Pod Identity association, or both.</summary>
    public IReadOnlyList<WorkloadIdentity> Identities() => WorkloadIdentity.Of(this);
}
