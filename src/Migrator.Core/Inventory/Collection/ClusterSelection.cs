namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Every --clusters name must match a cluster: a typo would otherwise store a run of nothing, which drift would read as
/// every cluster removed. Not checked when a region could not be listed (the cluster may be there).
/// </summary>
internal static class ClusterSelection
{
    public static void CheckMatched(InventoryRequest request, IReadOnlyList<ClusterRef> found, IReadOnlyList<CollectionError> errors)
    {
        if (request.ClusterNames.Count == 0 || errors.Any(e => e.Scope == "region"))
            return;
        var unmatched = request.ClusterNames
            .Where(name => !found.Any(c => c.Name == name || c.Key == name))
            .ToList();
        if (unmatched.Count == 0)
            return;
        var searched = string.Join(", ", request.Accounts.Select(a => $"{a.AccountId} ({string.Join(", ", a.Regions)})"));
        var matched = found.Count == 0 ? "none matched" : $"matched: {string.Join(", ", found.Select(c => c.Key))}";
        throw new ClusterSelectionException(
            $"--clusters {string.Join(",", unmatched)} matched no cluster in {searched} ({matched}); nothing was stored. " +
            "Name clusters as NAME or ACCOUNT/REGION/NAME ('migrator runs show' lists those of the last run).");
    }
}
