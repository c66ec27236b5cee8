using System.Collections.Concurrent;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// When an account's own clusters are all collected, while discovery may still be listing other accounts' regions:
/// each account counts its regions not listed yet plus its clusters not collected yet. A listed region adds the clusters
/// it found and takes itself off (<see cref="RegionListed"/>, before those clusters are handed out, so the count cannot
/// reach zero early); a collected cluster takes itself off. At zero, an account that has at least one cluster is done:
/// <c>done</c> runs once for it. An account with no cluster is left to the run's end, as are its roles.
/// </summary>
internal sealed class AccountCountdown(Action<string> done)
{
    private readonly ConcurrentDictionary<string, int> _left = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hasClusters = new(StringComparer.Ordinal);

    /// <summary>Each account starts with the regions still to be listed (<paramref name="regionsToList"/>).</summary>
    public void Start(string accountId, int regionsToList) => _left[accountId] = regionsToList;

    /// <summary>One of the account's regions is listed (or failed to list: <paramref name="clustersFound"/> 0).</summary>
    public void RegionListed(string accountId, int clustersFound)
    {
        if (clustersFound > 0) _hasClusters[accountId] = true;
        Add(accountId, clustersFound - 1);
    }

    public void ClusterCollected(string accountId) => Add(accountId, -1);

    private void Add(string accountId, int delta)
    {
        var left = _left.AddOrUpdate(accountId, _ => throw new InvalidOperationException($"account {accountId} was not started."), (_, n) => n + delta);
        if (left == 0 && _hasClusters.ContainsKey(accountId))
            done(accountId);
    }
}
