namespace Migrator.Application;

/// <summary>
/// What one inventory run reads: configured account ids (empty: all of Aws:Accounts), cluster names or
/// ACCOUNT/REGION/NAME (empty: all), and clusters collected at once (null: Inventory:MaxParallelClusters).
/// </summary>
public sealed record InventorySelection(IReadOnlyList<string> Accounts, IReadOnlyList<string> Clusters, int? MaxParallelClusters = null)
{
    public static InventorySelection Everything { get; } = new([], []);

    /// <summary>How the run is recorded: null for the whole estate, else "accounts=A,B clusters=X,Y" (sorted).</summary>
    public string? Filter
    {
        get
        {
            var parts = new List<string>();
            if (Accounts.Count > 0) parts.Add("accounts=" + string.Join(",", Accounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            if (Clusters.Count > 0) parts.Add("clusters=" + string.Join(",", Clusters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
            return parts.Count == 0 ? null : string.Join(" ", parts);
        }
    }
}
