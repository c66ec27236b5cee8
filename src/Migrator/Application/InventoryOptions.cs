namespace Migrator.Application;

/// <summary>How the inventory stage collects. Bound from configuration section "Inventory".</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>Clusters collected at once (1 to 256); `inventory --parallel N` overrides it for one run.</summary>
    public int MaxParallelClusters { get; set; } = 8;
}
