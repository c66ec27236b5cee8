using Dapper;
using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Sharding;
using Migrator.Integration.Tests.Postgres;
using Migrator.Storage;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Storage;

/// <summary>Runs written in parts (streamed cluster by cluster) and sharded runs, against each storage provider.</summary>
public abstract class RunWriterTests(StorageProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 15, 123, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(At);
    private StorageUnderTest _storage = null!;

    public async Task InitializeAsync() => _storage = await StorageUnderTest.CreateAsync(provider, _time);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    /// <summary>The sample split as a collection hands it over: one part per cluster (at its key-order position) and the run-level part.</summary>
    private static List<InventoryPart> Parts(InventorySnapshot s)
    {
        var parts = s.Clusters.Select((c, i) => new InventoryPart(i, new InventorySnapshot
        {
            Clusters = [c],
            ServiceAccounts = [.. s.ServiceAccounts.Where(x => x.Cluster == c.Ref)],
            Workloads = [.. s.Workloads.Where(x => x.Cluster == c.Ref)],
            Pods = [.. s.Pods.Where(x => x.Cluster == c.Ref)],
            Associations = [.. s.Associations.Where(x => x.Cluster == c.Ref)],
            Addons = [.. s.Addons.Where(x => x.Cluster == c.Ref)],
        })).ToList();
        parts.Add(new InventoryPart(InventoryPart.RunLevel, new InventorySnapshot { Roles = s.Roles, OidcProviders = s.OidcProviders, Errors = s.Errors, Notes = s.Notes, Usage = s.Usage }));
        return parts;
    }

    [StorageFact]
    public async Task A_run_written_in_parts_in_any_order_loads_back_as_the_same_run_saved_whole()
    {
        var sample = SnapshotSamples.Full(At);
        Assert.True(sample.Clusters.Count >= 2, "the sample needs two clusters for the order to matter");
        var writer = new InventoryRunWriter(_storage.Database);
        var store = new SqliteInventoryStore(_storage.Database);

        var runId = await writer.BeginRunAsync(sample.StartedAt, null, CancellationToken.None);
        var parts = Parts(sample);
        parts.Reverse(); // the last cluster finishes first
        foreach (var part in parts)
            await writer.AppendAsync(runId, part, CancellationToken.None);
        Assert.Null(await store.LoadSnapshotAsync(null, CancellationToken.None)); // Running: not the latest yet
        Assert.Empty(await store.ListRunsAsync(CancellationToken.None));
        var summary = await writer.CompleteRunAsync(runId, sample.CompletedAt!.Value, CancellationToken.None);

        var loaded = await store.LoadSnapshotAsync(null, CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal(runId, loaded.RunId);
        SnapshotComparison.Equal(sample, loaded);
        // Counts and status from the rows: the sample has an error and one cluster read, so Partial.
        Assert.Equal(RunStatus.Partial, summary.Status);
        Assert.Equal((sample.Clusters.Count, sample.IrsaBindings.Count(), sample.Pods.Count, sample.Roles.Count, sample.Associations.Count, sample.Errors.Count),
            (summary.Clusters, summary.Bindings, summary.Pods, summary.Roles, summary.Associations, summary.Errors));
        Assert.Equal(summary, Assert.Single(await store.ListRunsAsync(CancellationToken.None)));
    }

    [StorageFact]
    public async Task An_interrupted_run_is_kept_but_never_read_as_the_latest()
    {
        var writer = new InventoryRunWriter(_storage.Database);
        var store = new SqliteInventoryStore(_storage.Database);
        var finished = await store.SaveSnapshotAsync(SnapshotSamples.Full(At), CancellationToken.None);
        var interrupted = await writer.BeginRunAsync(At.AddHours(1), null, CancellationToken.None);
        await writer.AppendAsync(interrupted, Parts(SnapshotSamples.Full(At))[0], CancellationToken.None);
        await writer.InterruptRunAsync(interrupted, At.AddHours(1.1), CancellationToken.None);

        Assert.Equal(finished, (await store.LoadSnapshotAsync(null, CancellationToken.None))!.RunId);
        Assert.Equal([finished], (await store.ListRunsAsync(CancellationToken.None)).Select(r => r.RunId));
        Assert.Equal(RunStatus.Interrupted, Assert.Single(await writer.UnfinishedRunsAsync(CancellationToken.None)).Status);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AppendAsync(interrupted, Parts(SnapshotSamples.Full(At))[1], CancellationToken.None));
        Assert.Contains("Interrupted", e.Message, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task Each_shard_is_stored_once_and_the_last_commit_completes_the_run_as_one_run()
    {
        var sample = SnapshotSamples.Full(At);
        var shards = new InventoryShardStore(_storage.Database);
        var store = new SqliteInventoryStore(_storage.Database);
        var planned = sample.Clusters.Select((c, i) => new InventoryShard { Index = i, AccountId = c.Ref.AccountId, Region = c.Ref.Region, AccountLevel = true }).ToList();
        var runId = await shards.BeginShardedRunAsync(sample.StartedAt, planned, CancellationToken.None);
        var parts = Parts(sample);
        var runLevel = parts[^1];

        // Shard 1 is taken by worker b and stored first; both shards repeat the run-level rows (roles two regions refer to).
        Assert.Equal(ShardStatus.Running, (await shards.ClaimShardAsync(runId, 1, "b", At, CancellationToken.None))!.Status);
        // Account-level rows (OIDC providers) come from one shard of the account only.
        var regionLevel = runLevel with { Rows = runLevel.Rows with { OidcProviders = [] } };
        var first = await shards.CommitShardAsync(runId, 1, [parts[1] with { Position = 0 }, regionLevel], null, At.AddSeconds(5), CancellationToken.None);
        Assert.True(first.Stored);
        Assert.Null(first.CompletedRun);
        Assert.Null(await store.LoadSnapshotAsync(null, CancellationToken.None));

        // Shard 0 by worker a, then its job re-run (recovered): the second commit stores nothing.
        await shards.ClaimShardAsync(runId, 0, "a", At, CancellationToken.None);
        var last = await shards.CommitShardAsync(runId, 0, [parts[0], runLevel], null, At.AddSeconds(9), CancellationToken.None);
        var again = await shards.CommitShardAsync(runId, 0, [parts[0], runLevel], null, At.AddSeconds(12), CancellationToken.None);
        Assert.True(last.Stored);
        Assert.False(again.Stored);
        Assert.Equal(ShardStatus.Done, (await shards.ClaimShardAsync(runId, 0, "c", At.AddSeconds(13), CancellationToken.None))!.Status);

        Assert.NotNull(last.CompletedRun);
        Assert.Equal(RunStatus.Partial, last.CompletedRun.Status);
        var loaded = await store.LoadSnapshotAsync(null, CancellationToken.None);
        Assert.NotNull(loaded);
        SnapshotComparison.Equal(sample with { CompletedAt = At.AddSeconds(9) }, loaded);
        Assert.Equal(["a", "b"], (await shards.ShardsAsync(runId, CancellationToken.None)).Select(s => s.Worker));
        await using var connection = await _storage.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(sample.Roles.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_roles WHERE run_id = @runId;", new { runId }));
    }

    [StorageFact]
    public async Task A_failed_shard_is_recorded_as_an_error_of_the_run_which_still_completes()
    {
        var shards = new InventoryShardStore(_storage.Database);
        var runId = await shards.BeginShardedRunAsync(At,
            [new InventoryShard { Index = 0, AccountId = "111111111111", Region = "us-east-1", AccountLevel = true }], CancellationToken.None);
        await shards.ClaimShardAsync(runId, 0, "a", At, CancellationToken.None);

        var commit = await shards.CommitShardAsync(runId, 0, [], "InvalidOperationException: account no longer configured", At.AddSeconds(1), CancellationToken.None);

        Assert.Equal(RunStatus.Failed, commit.CompletedRun!.Status);
        var run = await new SqliteInventoryStore(_storage.Database).LoadSnapshotAsync(runId, CancellationToken.None);
        var error = Assert.Single(run!.Errors);
        Assert.Equal(("shard", "111111111111/us-east-1"), (error.Scope, error.Target));
        Assert.Equal(ShardStatus.Failed, Assert.Single(await shards.ShardsAsync(runId, CancellationToken.None)).Status);
    }

    [StorageFact]
    public async Task A_superseded_sharded_run_stores_no_late_shard()
    {
        var shards = new InventoryShardStore(_storage.Database);
        var writer = new InventoryRunWriter(_storage.Database);
        var sample = SnapshotSamples.Full(At);
        var runId = await shards.BeginShardedRunAsync(At, [new InventoryShard { Index = 0, AccountId = "111111111111", Region = "us-east-1" }], CancellationToken.None);
        await writer.InterruptRunAsync(runId, At.AddMinutes(1), CancellationToken.None);

        var late = await shards.CommitShardAsync(runId, 0, Parts(sample), null, At.AddMinutes(2), CancellationToken.None);

        Assert.False(late.Stored);
        await using var connection = await _storage.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_clusters WHERE run_id = @runId;", new { runId }));
    }
}

public sealed class SqliteRunWriterTests() : RunWriterTests(StorageProvider.Sqlite);

public sealed class PostgresRunWriterTests() : RunWriterTests(StorageProvider.Postgres), IPostgresVariant;
