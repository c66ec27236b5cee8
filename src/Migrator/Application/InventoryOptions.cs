namespace Migrator.Application;

/// <summary>How the inventory stage collects. Bound from configuration section "Inventory".</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>Clusters collected at once (1 to 256); `inventory --parallel N` overrides it for one run.</summary>
    public int MaxParallelClusters { get; set; } = 8;

    /// <summary>
    /// From this many roles needed in one account on, the inventory reads that account's roles with one paged IAM
    /// GetAccountAuthorizationDetails instead of one GetRole per role (0 to 100,000; 0 = always).
    /// </summary>
    public int AuthorizationDetailsMinRoles { get; set; } = 50;
}
