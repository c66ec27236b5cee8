using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>What one inventory run covers.</summary>
public sealed record InventoryRequest
{
    public required IReadOnlyList<AccountScope> Accounts { get; init; }
    /// <summary>Cluster names (or ACCOUNT/REGION/NAME keys) to keep; empty means every cluster found.</summary>
    public IReadOnlyList<string> ClusterNames { get; init; } = [];
    /// <summary>Clusters collected at once. Per-API limits live in the adapters; this bounds open sessions.</summary>
    public int MaxParallelClusters { get; init; } = 8;
    /// <summary>Roles fetched at once (each unique role once per run).</summary>
    public int MaxParallelRoles { get; init; } = 8;
    /// <summary>
    /// An account from which at least this many roles are needed has them read with IAM GetAccountAuthorizationDetails
    /// (every role of the account, up to 1,000 a page) instead of one GetRole per role; 0 always uses it.
    /// </summary>
    public int AuthorizationDetailsMinRoles { get; init; } = 50;
    /// <summary>Association describes in flight per cluster (the list summary has no roleArn).</summary>
    public int MaxParallelDescribesPerCluster { get; init; } = 4;
    /// <summary>How owners of roles and ServiceAccounts are recognised (recorded on each record).</summary>
    public Ownership.OwnershipSettings Ownership { get; init; } = new();
    /// <summary>
    /// Read what belongs to an account rather than a region (its IAM OIDC providers). A shard of a sharded run that is
    /// not its account's first region leaves them to that one.
    /// </summary>
    public bool ReadAccountLevel { get; init; } = true;
}
