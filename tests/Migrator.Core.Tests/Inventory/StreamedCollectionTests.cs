using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Inventory.Sharding;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Inventory;

/// <summary>A collection handed over cluster by cluster (streamed to storage), and the same estate collected as shards.</summary>
public sealed class StreamedCollectionTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";
    private static readonly string Shared = $"arn:aws:iam::{A}:role/shared";
    private static readonly string OnlyB = $"arn:aws:iam::{B}:role/b-only";

    private readonly FakeEstate _estate = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private static readonly IReadOnlyList<AccountScope> Accounts = [new AccountScope(A, ["us-east-1", "eu-west-1"]), new AccountScope(B, ["us-east-1"])];

    public StreamedCollectionTests()
    {
        _estate.AddRole(Shared);
        _estate.AddRole(OnlyB);
        _estate.Providers[A] = [new OidcProviderDescription { Arn = $"arn:aws:iam::{A}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X", Url = "oidc.eks.us-east-1.amazonaws.com/id/X", ClientIds = ["sts.amazonaws.com"] }];
        _estate.Add(A, "us-east-1", "zeta").Node("n1").Sa("ns", "a", Shared).Pod("ns", "a-1", "a", "n1");
        _estate.Add(A, "us-east-1", "alpha").Node("n1").Sa("ns", "b", Shared).Pod("ns", "b-1", "b", "n1").Pod("ns", "b-2", "b", "n1");
        _estate.Add(A, "eu-west-1", "eu").Node("n1").Sa("ns", "c", Shared).Pod("ns", "c-1", "c", "n1");
        _estate.Add(B, "us-east-1", "bee").Node("n1").Sa("ns", "d", OnlyB).Sa("ns", "e", Shared).Pod("ns", "d-1", "d", "n1");
    }

    private InventoryCollector Collector() => new(_estate, _estate, _estate, _time);

    private static string Json(InventorySnapshot s) => JsonSerializer.Serialize(s with { StartedAt = default, CompletedAt = null, Status = default });

    /// <summary>Every list sorted by its record's JSON: equal contents whatever the order parts were stored in.</summary>
    private static string Canonical(InventorySnapshot s)
    {
        static List<string> Sorted<T>(IEnumerable<T> items) => [.. items.Select(i => JsonSerializer.Serialize(i)).Order(StringComparer.Ordinal)];
        return JsonSerializer.Serialize(new object[]
        {
            Sorted(s.Clusters), Sorted(s.ServiceAccounts), Sorted(s.Workloads), Sorted(s.Pods), Sorted(s.Associations), Sorted(s.Addons),
            Sorted(s.Roles), Sorted(s.OidcProviders), Sorted(s.Errors), Sorted(s.Notes), Sorted(s.Usage),
        });
    }

    [Fact]
    public async Task Each_cluster_is_handed_over_at_its_key_order_position_and_the_run_level_rows_last()
    {
        var sink = new RecordingSink();
        var run = await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts }, null, sink, CancellationToken.None);

        Assert.Equal(1, sink.Begun);
        var clusterParts = sink.Parts.Where(p => p.Rows.Clusters.Count > 0).OrderBy(p => p.Position).ToList();
        Assert.Equal([$"{A}/eu-west-1/eu", $"{A}/us-east-1/alpha", $"{A}/us-east-1/zeta", $"{B}/us-east-1/bee"], clusterParts.Select(p => Assert.Single(p.Rows.Clusters).Ref.Key));
        Assert.Equal([0, 1, 2, 3], clusterParts.Select(p => p.Position));
        // Each account's roles after the clusters, in account order (A's shared role, asked for by B's cluster too, is A's).
        var roleParts = sink.Parts.Where(p => p.Rows.Clusters.Count == 0 && p.Position != InventoryPart.RunLevel).OrderBy(p => p.Position).ToList();
        Assert.Equal([(4, Shared), (5, OnlyB)], roleParts.Select(p => (p.Position, Assert.Single(p.Rows.Roles).Arn)));
        Assert.Equal(InventoryPart.RunLevel, sink.Parts[^1].Position);
        Assert.Empty(sink.Parts[^1].Rows.Roles);
        // The returned run holds no pods, workloads, ServiceAccounts or roles (they were handed over), the rest as collected.
        Assert.Empty(run.Pods);
        Assert.Empty(run.Roles);
        Assert.Empty(run.ServiceAccounts);
        Assert.Equal(4, run.Clusters.Count);
        Assert.Equal(5, clusterParts.Sum(p => p.Rows.ServiceAccounts.Count));
        Assert.Equal(5, clusterParts.Sum(p => p.Rows.Pods.Count));
    }

    /// <summary>
    /// B's cluster lists its ServiceAccounts only once A's roles reached <paramref name="sink"/> (it gives up after 30 s):
    /// the task's result says whether it was held until then.
    /// </summary>
    private Task<bool> HoldBUntilAsRolesAreHandedOver(RecordingSink sink)
    {
        var aStored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sink.OnPart = part => { if (part.Rows.Roles.Any(r => r.Arn == Shared)) aStored.TrySetResult(); };
        var held = aStored.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        _estate.Clusters[new AwsScope(B, "us-east-1")].Single().ServiceAccountsGate = held;
        return held;
    }

    /// <summary>
    /// A run with A read through GetAccountAuthorizationDetails (threshold 0) and B's ServiceAccount ns/<paramref name="sa"/>
    /// naming <paramref name="arn"/> only after A's roles were handed over: the one role stored with the run-level rows.
    /// </summary>
    private async Task<RoleRecord> AskedLateByBAsync(string arn, string sa)
    {
        _estate.Clusters[new AwsScope(B, "us-east-1")].Single().Sa("ns", sa, arn);
        var sink = new RecordingSink();
        var held = HoldBUntilAsRolesAreHandedOver(sink);

        var run = await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts, AuthorizationDetailsMinRoles = 0 }, null, sink, CancellationToken.None);

        Assert.True(await held);
        Assert.Equal(RunStatus.Complete, run.Status);
        return Assert.Single(sink.Parts.Single(p => p.Position == InventoryPart.RunLevel).Rows.Roles);
    }

    [Fact]
    public async Task An_accounts_roles_are_handed_over_once_its_own_clusters_are_done_while_other_accounts_are_still_collected()
    {
        // B's cluster lists its ServiceAccounts only once A's roles were handed over: were roles stored only at the end
        // of the run (as before), the hold would give up and the test fail.
        var sink = new RecordingSink();
        var held = HoldBUntilAsRolesAreHandedOver(sink);

        await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts }, null, sink, CancellationToken.None);

        Assert.True(await held, "A's roles were not handed over before B's cluster was collected");
        var aPart = Assert.Single(sink.Parts, p => p.Rows.Roles.Any(r => r.Arn == Shared));
        Assert.True(aPart.Position < InventoryPart.RunLevel);
    }

    [Fact]
    public async Task A_role_only_another_accounts_clusters_ask_for_is_stored_with_the_run_level_rows_as_is_a_late_one()
    {
        // A role of A that only B's cluster asks for: whether B's cluster comes before or after A's roles are handed
        // over, it is stored with the run-level rows, read once.
        var foreign = $"arn:aws:iam::{A}:role/only-b-asks";
        _estate.AddRole(foreign);
        _estate.Clusters[new AwsScope(B, "us-east-1")].Single().Sa("ns", "f", foreign);
        var sink = new RecordingSink();

        var whole = await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts }, null, sink, CancellationToken.None);

        Assert.Equal(RunStatus.Complete, whole.Status);
        Assert.Equal([foreign], sink.Parts.Single(p => p.Position == InventoryPart.RunLevel).Rows.Roles.Select(r => r.Arn));
        Assert.DoesNotContain(sink.Parts.Where(p => p.Position != InventoryPart.RunLevel), p => p.Rows.Roles.Any(r => r.Arn == foreign));
        Assert.Equal(3, sink.Parts.Sum(p => p.Rows.Roles.Count));
        Assert.Equal(1, _estate.CallsTo($"GetRole {A}/only-b-asks"));
    }

    [Fact]
    public async Task A_role_asked_for_after_its_account_was_handed_over_comes_from_the_accounts_details_without_a_GetRole()
    {
        // A is read with GetAccountAuthorizationDetails (threshold 0). B's cluster is held until A's roles are stored, so
        // its ask for A's role "late" comes after the hand-over: it is answered from the details of the roles nobody had
        // asked for, not with a GetRole.
        var late = $"arn:aws:iam::{A}:role/late";
        _estate.AddRole(late, trust: """{"Version":"2012-10-17","Statement":[{"Sid":"Late"}]}""");
        var stored = await AskedLateByBAsync(late, "l");

        Assert.Equal((late, true), (stored.Arn, stored.Exists));
        Assert.Contains("Late", stored.TrustPolicy, StringComparison.Ordinal);
        Assert.Equal(0, _estate.CallsTo("GetRole"));
    }

    [Fact]
    public async Task A_missing_role_asked_for_after_every_role_of_its_account_was_handed_over_is_known_missing_without_a_GetRole()
    {
        // A's only role is handed over with A's clusters, so nothing of A's details is left unasked; B's cluster, held
        // until then, names a role of A that does not exist. The details say so: absent from them, it does not exist.
        var gone = $"arn:aws:iam::{A}:role/gone";
        var stored = await AskedLateByBAsync(gone, "g");

        Assert.Equal((gone, false), (stored.Arn, stored.Exists));
        Assert.Equal(0, _estate.CallsTo("GetRole"));
    }

    [Fact]
    public async Task The_parts_assembled_in_position_order_are_the_snapshot_of_the_in_memory_collection()
    {
        var whole = await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts }, null, CancellationToken.None);
        var assembly = new SnapshotAssembly();
        await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts, MaxParallelClusters = 1 }, null, assembly, CancellationToken.None);

        Assert.Equal(Json(whole), Json(assembly.Assemble(new InventorySnapshot())));
        Assert.Equal(5, whole.Pods.Count);
    }

    [Fact]
    public async Task A_selection_naming_no_cluster_fails_before_anything_is_begun()
    {
        var sink = new RecordingSink();
        var e = await Assert.ThrowsAsync<ClusterSelectionException>(() =>
            Collector().CollectAsync(new InventoryRequest { Accounts = Accounts, ClusterNames = ["typo"] }, null, sink, CancellationToken.None));
        Assert.Contains("--clusters typo matched no cluster", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Begun);
        Assert.Empty(sink.Parts);
    }

    [Fact]
    public async Task Without_a_selection_the_run_is_begun_while_discovery_is_still_listing_clusters()
    {
        var listing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _estate.ListClustersHeldUntil = listing.Task;
        var sink = new RecordingSink();
        var collection = Collector().CollectAsync(new InventoryRequest { Accounts = Accounts }, null, sink, CancellationToken.None);

        await sink.BegunOnce.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(collection.IsCompleted);
        Assert.Empty(sink.Parts);
        listing.SetResult();
        await collection;
        Assert.Equal(1, sink.Begun);
        Assert.Equal(7, sink.Parts.Count); // 4 clusters, the roles of A and of B, the run-level rows
    }

    [Fact]
    public async Task With_a_selection_the_run_is_begun_only_once_discovery_has_matched_every_name()
    {
        var listing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _estate.ListClustersHeldUntil = listing.Task;
        var sink = new RecordingSink();
        var collection = Collector().CollectAsync(new InventoryRequest { Accounts = Accounts, ClusterNames = ["alpha"] }, null, sink, CancellationToken.None);

        // Discovery is held in every region: nothing may be begun until it answers.
        Assert.True(SpinWait.SpinUntil(() => _estate.CallsTo("ListClusters") == 3, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, sink.Begun);
        listing.SetResult();
        await collection;
        Assert.Equal(1, sink.Begun);
        Assert.Equal([$"{A}/us-east-1/alpha"], sink.Parts.Where(p => p.Rows.Clusters.Count > 0).Select(p => Assert.Single(p.Rows.Clusters).Ref.Key));
    }

    [Fact]
    public void Shards_are_one_per_account_and_region_in_order_with_account_level_reads_in_the_first_region()
    {
        var shards = InventoryShards.Plan([new AccountScope(B, ["us-east-1"]), new AccountScope(A, ["us-east-1", "eu-west-1", "us-east-1"])]);

        Assert.Equal([$"{A}/eu-west-1", $"{A}/us-east-1", $"{B}/us-east-1"], shards.Select(s => s.Key));
        Assert.Equal([0, 1, 2], shards.Select(s => s.Index));
        Assert.Equal([true, false, true], shards.Select(s => s.AccountLevel));
        Assert.Equal(new AccountScope(A, ["us-east-1"]).Regions, InventoryShards.Scope(shards[1], Accounts).Regions);
        var gone = Assert.Throws<InvalidOperationException>(() => InventoryShards.Scope(shards[2], [new AccountScope(A, ["us-east-1"])]));
        Assert.Contains("no longer configured", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shards_together_collect_what_one_collection_of_the_estate_collects_reading_each_accounts_providers_once()
    {
        var whole = await Collector().CollectAsync(new InventoryRequest { Accounts = Accounts }, null, CancellationToken.None);
        var providerCallsBefore = _estate.CallsTo("ListOidcProviders");

        var shardRuns = new List<InventorySnapshot>();
        foreach (var shard in InventoryShards.Plan(Accounts))
        {
            var request = new InventoryRequest { Accounts = [InventoryShards.Scope(shard, Accounts)], ReadAccountLevel = shard.AccountLevel };
            shardRuns.Add(await Collector().CollectAsync(request, null, CancellationToken.None));
        }
        var union = new InventorySnapshot
        {
            Clusters = [.. shardRuns.SelectMany(s => s.Clusters)],
            ServiceAccounts = [.. shardRuns.SelectMany(s => s.ServiceAccounts)],
            Workloads = [.. shardRuns.SelectMany(s => s.Workloads)],
            Pods = [.. shardRuns.SelectMany(s => s.Pods)],
            Associations = [.. shardRuns.SelectMany(s => s.Associations)],
            Addons = [.. shardRuns.SelectMany(s => s.Addons)],
            // Two shards of account A refer to the shared role: storage keeps one row per role ARN.
            Roles = [.. shardRuns.SelectMany(s => s.Roles).DistinctBy(r => r.Arn)],
            OidcProviders = [.. shardRuns.SelectMany(s => s.OidcProviders)],
            Errors = [.. shardRuns.SelectMany(s => s.Errors)],
            Notes = [.. shardRuns.SelectMany(s => s.Notes)],
        };

        Assert.Equal(Canonical(whole), Canonical(union));
        Assert.Equal(2, _estate.CallsTo("ListOidcProviders") - providerCallsBefore); // accounts A and B, once each
    }

    private sealed class RecordingSink : IInventoryPartSink
    {
        private readonly ConcurrentQueue<InventoryPart> _parts = new();
        private readonly TaskCompletionSource _begun = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Begun { get; private set; }
        public Task BegunOnce => _begun.Task;
        public List<InventoryPart> Parts => [.. _parts];

        public Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct)
        {
            Begun++;
            Assert.Empty(_parts);
            _begun.TrySetResult();
            return Task.CompletedTask;
        }

        public Action<InventoryPart>? OnPart { get; set; }

        public Task AppendAsync(InventoryPart part, CancellationToken ct)
        {
            Assert.Equal(1, Begun);
            _parts.Enqueue(part);
            OnPart?.Invoke(part);
            return Task.CompletedTask;
        }
    }
}
