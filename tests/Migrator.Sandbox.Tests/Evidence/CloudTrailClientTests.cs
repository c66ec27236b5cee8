using Migrator.Core.Evidence;
using Migrator.Core.Ports;
using static Migrator.Sandbox.Tests.Evidence.CloudTrailSandbox;

namespace Migrator.Sandbox.Tests.Evidence;

/// <summary>Issue 17: our CloudTrail client against the sandbox's CloudTrail, whose events come from the pods' credential use.</summary>
public sealed class CloudTrailClientTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Pods that use their credentials every 10 minutes, every one started 5 minutes into the last 4 hours (so no use falls
    /// on a window's inclusive edges whatever the clock reads): six IRSA pods, 144 events.
    /// </summary>
    private static async Task<CloudTrailSandbox> StartEveryTenMinutesAsync()
    {
        var sandbox = await StartAsync(r => r.CredentialUseInterval = TimeSpan.FromMinutes(10));
        var now = sandbox.Time.GetUtcNow();
        sandbox.Server.State.Write(e => e.Clusters.SelectMany(c => c.Pods).Where(p => p.StartTime is not null).ToList()
            .ForEach(p => p.StartTime = now.AddHours(-4).AddMinutes(5)));
        return sandbox;
    }

    [Fact]
    public async Task Irsa_pods_are_seen_assuming_their_role_with_their_subject_and_the_clusters_issuer()
    {
        await using var sandbox = await StartAsync();
        var now = sandbox.Time.GetUtcNow();

        var uses = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, now.AddDays(-2), now, default), Step);

        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Equal(CredentialUseKind.WebIdentity, u.Kind));
        Assert.Equal(["billing", "orders", "reports"], uses.Select(u => u.ServiceAccount).Distinct().Order());
        var orders = uses.First(u => u.ServiceAccount == "orders");
        Assert.Equal(("shop", RoleArn("orders"), Issuer), (orders.Namespace, orders.RoleArn, orders.Issuer));
        Assert.True(uses.Zip(uses.Skip(1)).All(p => p.First.Time >= p.Second.Time), "newest first");
        Assert.All(uses, u => Assert.InRange(u.Time, now.AddDays(-2).AddSeconds(-1), now));
    }

    [Fact]
    public async Task Pod_identity_pods_are_seen_through_the_eks_auth_event_of_their_association()
    {
        await using var sandbox = await StartAsync();
        var now = sandbox.Time.GetUtcNow();

        var uses = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.PodIdentity, now.AddDays(-2), now, default), Step);

        var catalog = Assert.Single(uses.Select(u => (u.Namespace, u.ServiceAccount, u.ClusterName, u.RoleName)).Distinct());
        Assert.Equal(("shop", "catalog", "prod", "catalog"), catalog);
        Assert.All(uses, u => Assert.StartsWith($"arn:aws:eks:us-east-1:{AccountId}:podidentityassociation/prod/a-", u.AssociationArn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workload_with_a_token_file_keeps_assuming_its_role_whatever_its_env()
    {
        await using var sandbox = await StartAsync();
        // Its pods carry no AWS env at all now: only the application's own configuration still uses the token file.
        sandbox.Server.State.Write(e => e.Clusters[0].Pods.Where(p => p.Name.StartsWith("billing-", StringComparison.Ordinal)).SelectMany(p => p.Containers).ToList().ForEach(c => c.Env.Clear()));
        var now = sandbox.Time.GetUtcNow();

        var uses = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, now.AddDays(-2), now, default), Step);

        Assert.Contains(uses, u => u.ServiceAccount == "billing" && u.RoleArn == RoleArn("billing"));
    }

    [Fact]
    public async Task An_event_shows_only_after_the_delivery_delay()
    {
        await using var sandbox = await StartAsync(r => r.CloudTrailDeliveryDelayMs = 300_000);
        var started = sandbox.Time.GetUtcNow();
        sandbox.Server.State.Write(e => e.Clusters[0].Pods.Where(p => p.Name.StartsWith("orders-", StringComparison.Ordinal)).ToList().ForEach(p => p.StartTime = started));

        var early = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, started, sandbox.Time.GetUtcNow(), default), Step);
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        var later = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, started, sandbox.Time.GetUtcNow(), default), Step);

        Assert.DoesNotContain(early, u => u.ServiceAccount == "orders");
        Assert.Equal(2, later.Count(u => u.ServiceAccount == "orders"));
    }

    [Fact]
    public async Task Pages_are_followed_and_paced_to_two_requests_a_second_so_cloudtrail_never_throttles()
    {
        await using var sandbox = await StartEveryTenMinutesAsync();
        var now = sandbox.Time.GetUtcNow();

        // Six IRSA pods, six uses an hour each, four hours: 144 events, three pages of at most 50.
        var uses = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, now.AddHours(-4), now, default), Step);

        var counters = sandbox.Server.Counters.Snapshot();
        Assert.Equal(144, uses.Count);
        Assert.Equal(3, counters.CallsOf("cloudtrail", "LookupEvents"));
        Assert.False(counters.Throttled.ContainsKey("cloudtrail"), "paced requests must not be throttled");
        Assert.True(sandbox.Time.GetUtcNow() - now >= TimeSpan.FromSeconds(1), "three requests at 2/s span at least a second");
    }

    [Fact]
    public async Task A_sweep_stops_at_its_page_budget_with_the_newest_events_and_says_from_when_it_read_them_all()
    {
        await using var sandbox = await StartEveryTenMinutesAsync();
        var now = sandbox.Time.GetUtcNow();
        var from = now.AddHours(-4);

        var whole = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, from, now, default), Step);
        var pagesHeard = 0;
        var budgeted = await sandbox.Drive(sandbox.CloudTrail.SweepAsync(East, CredentialUseKind.WebIdentity, from, now, 2, () => pagesHeard++, default), Step);
        var enough = await sandbox.Drive(sandbox.CloudTrail.SweepAsync(East, CredentialUseKind.WebIdentity, from, now, 3, null, default), Step);

        // 144 events in pages of 50: two pages are the newest 100, and everything from the second after the oldest of them.
        Assert.Equal((2, 2, true, 100), (budgeted.Pages, pagesHeard, budgeted.Stopped, budgeted.Uses.Count));
        Assert.Equal(whole.Take(100).Select(u => u.EventId), budgeted.Uses.Select(u => u.EventId));
        var oldest = budgeted.Uses.Min(u => u.Time);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(oldest.ToUnixTimeSeconds() + 1), budgeted.CoveredFrom);
        Assert.All(whole.Where(u => u.Time >= budgeted.CoveredFrom), u => Assert.Contains(budgeted.Uses, b => b.EventId == u.EventId));
        Assert.Equal((3, false, from, whole.Count), (enough.Pages, enough.Stopped, enough.CoveredFrom, enough.Uses.Count));
    }

    [Fact]
    public async Task Paging_a_lookup_reads_every_event_once_while_the_estate_is_unchanged_and_the_new_estate_after_a_change()
    {
        await using var sandbox = await StartEveryTenMinutesAsync();
        var now = sandbox.Time.GetUtcNow();

        var first = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, now.AddHours(-4), now, default), Step);
        // The sandbox keeps a lookup's events between pages; a change to the estate must not be answered from them.
        sandbox.Server.State.Write(e => e.Clusters.SelectMany(c => c.Pods).Where(p => p.Name.StartsWith("orders-", StringComparison.Ordinal)).ToList().ForEach(p => p.Phase = "Failed"));
        var after = await sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, now.AddHours(-4), now, default), Step);

        Assert.Equal(first.Count, first.Select(u => u.EventId).Distinct().Count());
        Assert.Contains(first, u => u.ServiceAccount == "orders");
        Assert.DoesNotContain(after, u => u.ServiceAccount == "orders");
        Assert.Equal(first.Where(u => u.ServiceAccount != "orders").Select(u => u.EventId), after.Select(u => u.EventId));
    }

    [Fact]
    public async Task Unpaced_lookups_are_throttled_with_cloudtrails_error()
    {
        await using var sandbox = await StartAsync(r => r.CredentialUseInterval = TimeSpan.FromMinutes(10), s =>
        {
            s["Aws:RequestsPerSecond:CloudTrail"] = "100";
            s["Aws:Retry:MaxRetries"] = "1";
        });
        var now = sandbox.Time.GetUtcNow();

        var e = await Assert.ThrowsAsync<AwsApiException>(() =>
            sandbox.Drive(sandbox.CloudTrail.LookupAsync(East, CredentialUseKind.WebIdentity, now.AddHours(-4), now, default), TimeSpan.FromMilliseconds(10)));

        Assert.Equal(("ThrottlingException", 400), (e.ErrorCode, e.StatusCode));
        Assert.True(sandbox.Server.Counters.Snapshot().Throttled["cloudtrail"]["LookupEvents"] >= 1);
    }

    [Fact]
    public async Task GetRole_carries_role_last_used_from_the_pods_credential_use()
    {
        await using var sandbox = await StartAsync();

        var orders = await sandbox.Iam.GetRoleAsync(AccountId, "orders", default);
        var node = await sandbox.Iam.GetRoleAsync(AccountId, "eks-node", default);

        Assert.NotNull(orders!.LastUsedAt);
        Assert.InRange(orders.LastUsedAt!.Value, sandbox.Time.GetUtcNow().AddDays(-1), sandbox.Time.GetUtcNow());
        Assert.Equal("us-east-1", orders.LastUsedRegion);
        Assert.Null(node!.LastUsedAt);
    }

    [Fact]
    public async Task Role_last_used_moves_with_the_clock_and_follows_a_change_of_the_pods()
    {
        // Which roles each pod reaches is kept per estate version; the clock alone moves the last use on.
        await using var sandbox = await StartEveryTenMinutesAsync();
        var first = (await sandbox.Iam.GetRoleAsync(AccountId, "orders", default))!.LastUsedAt!.Value;

        sandbox.Time.Advance(TimeSpan.FromMinutes(10));
        var later = (await sandbox.Iam.GetRoleAsync(AccountId, "orders", default))!.LastUsedAt!.Value;
        sandbox.Server.State.Write(e => e.Clusters.SelectMany(c => c.Pods).Where(p => p.Name.StartsWith("orders-", StringComparison.Ordinal)).ToList().ForEach(p => p.Phase = "Failed"));
        sandbox.Time.Advance(TimeSpan.FromMinutes(10));
        var stopped = (await sandbox.Iam.GetRoleAsync(AccountId, "orders", default))!;

        Assert.Equal(first.AddMinutes(10), later);
        Assert.True(stopped.LastUsedAt is null || stopped.LastUsedAt <= later, $"orders' pods stopped: last use {stopped.LastUsedAt}, not after {later}");
    }
}
