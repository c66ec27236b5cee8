using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Sharding;

/// <summary>How an inventory of configured accounts splits into shards: one per account and region, in order.</summary>
public static class InventoryShards
{
    public static IReadOnlyList<InventoryShard> Plan(IReadOnlyList<AccountScope> accounts)
    {
        var shards = new List<InventoryShard>();
        foreach (var account in accounts.GroupBy(a => a.AccountId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var regions = account.SelectMany(a => a.Regions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < regions.Count; i++)
                shards.Add(new InventoryShard { Index = shards.Count, AccountId = account.Key, Region = regions[i], AccountLevel = i == 0 });
        }
        return shards;
    }

    /// <summary>The account scope one shard collects: its account (with its credentials) in its region only.</summary>
    public static AccountScope Scope(InventoryShard shard, IReadOnlyList<AccountScope> accounts)
    {
        var account = accounts.FirstOrDefault(a => a.AccountId == shard.AccountId && a.Regions.Contains(shard.Region))
            ?? throw new InvalidOperationException($"shard {shard.Index} ({shard.Key}) names an account and region that are no longer configured under Aws:Accounts.");
        return account with { Regions = [shard.Region] };
    }
}
