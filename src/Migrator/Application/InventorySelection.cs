namespace Migrator.Application;

/// <summary>
/// What one inventory run reads: configured account ids (empty: all of Aws:Accounts), cluster names or
/// ACCOUNT/REGION/NAME (empty: all), and clusters collected at once (null: Inventory:MaxParallelClusters).
/// </summary>
public sealed record InventorySelection(IReadOnlyList<string> Accounts, IReadOnlyList<string> Clusters, int? MaxParallelClusters = null)
{
    public static InventorySelection Everything { get; } = new([], []);
}
