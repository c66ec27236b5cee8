using Migrator.Core.Inventory.Collection;

namespace Migrator.Core.Tests.Inventory;

public sealed class AccountCountdownTests
{
    private readonly List<string> _done = [];

    private AccountCountdown Countdown() => new(_done.Add);

    [Fact]
    public void An_account_is_done_once_every_region_is_listed_and_every_cluster_found_is_collected()
    {
        var countdown = Countdown();
        countdown.Start("A", regionsToList: 2);

        countdown.RegionListed("A", clustersFound: 1);
        countdown.ClusterCollected("A");
        Assert.Empty(_done); // the second region is not listed yet
        countdown.RegionListed("A", clustersFound: 2);
        countdown.ClusterCollected("A");
        Assert.Empty(_done);
        countdown.ClusterCollected("A");

        Assert.Equal(["A"], _done);
    }

    [Fact]
    public void The_last_region_listed_after_the_clusters_were_collected_ends_the_account_and_one_failing_to_list_counts_as_listed()
    {
        var countdown = Countdown();
        countdown.Start("A", regionsToList: 2);
        countdown.RegionListed("A", clustersFound: 1);
        countdown.ClusterCollected("A");

        countdown.RegionListed("A", clustersFound: 0);

        Assert.Equal(["A"], _done);
    }

    [Fact]
    public void An_account_with_no_cluster_is_left_to_the_runs_end_and_accounts_count_apart()
    {
        var countdown = Countdown();
        countdown.Start("A", regionsToList: 1);
        countdown.Start("B", regionsToList: 1);

        countdown.RegionListed("A", clustersFound: 0);
        countdown.RegionListed("B", clustersFound: 1);
        Assert.Empty(_done);
        countdown.ClusterCollected("B");

        Assert.Equal(["B"], _done);
        Assert.Throws<InvalidOperationException>(() => countdown.RegionListed("C", 1));
    }
}
