using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Inventory.Sharding;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// The worker's inventory split per account and region: one run, begun with a shard per account-region, each shard
/// collected by whichever worker takes its job (the same request and collector as an unsharded run, over one account in
/// one region) and stored with its completion in one transaction. The last shard's commit completes the run, which is
/// then assessed, planned and reported like any other.
/// </summary>
public sealed class ShardedInventoryStage(InventoryStage inventory, IInventoryShardStore shards, IInventoryRunWriter runs, IInventoryStore stored, TimeProvider time)
{
    /// <summary>
    /// Begins a sharded run of every configured account and region. Sharded runs of an earlier schedule still running
    /// are marked Interrupted first (their shards' late commits store nothing): the new run supersedes them.
    /// </summary>
    public async Task<(long RunId, IReadOnlyList<InventoryShard> Shards, IReadOnlyList<long> Superseded)> BeginAsync(CancellationToken ct)
    {
        var planned = InventoryShards.Plan(inventory.Accounts(InventorySelection.Everything));
        var superseded = new List<long>();
        foreach (var run in await runs.UnfinishedRunsAsync(ct))
        {
            if (run.Status != RunStatus.Running || (await shards.ShardsAsync(run.RunId, ct)).Count == 0)
                continue;
            await runs.InterruptRunAsync(run.RunId, time.GetUtcNow(), ct);
            superseded.Add(run.RunId);
        }
        var runId = await shards.BeginShardedRunAsync(time.GetUtcNow(), planned, ct);
        return (runId, planned, superseded);
    }

    /// <summary>
    /// Takes, collects and stores one shard. A shard finished already (its job re-run) is not collected again. A shard
    /// that cannot be collected at all (its account no longer configured, an unexpected failure) is stored as Failed
    /// with the reason as a collection error of the run, so the run still completes (Partial).
    /// </summary>
    public async Task<ShardOutcome> CollectAsync(long runId, int index, string worker, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var shard = await shards.ClaimShardAsync(runId, index, worker, time.GetUtcNow(), ct)
            ?? throw new StageInputException($"inventory run {runId} has no shard {index}: 'migrator runs show {runId}' lists its shards.");
        if (shard.Finished)
            return new ShardOutcome(shard, false, 0, 0, shard.Error, await CompletedByAsync(runId, shard, ct), time.GetElapsedTime(started));
        IReadOnlyList<InventoryPart> parts = [];
        string? error = null;
        var (clusters, serviceAccountCount) = (0, 0);
        try
        {
            var scope = InventoryShards.Scope(shard, inventory.Accounts(InventorySelection.Everything));
            var request = inventory.Request([scope], InventorySelection.Everything) with { ReadAccountLevel = shard.AccountLevel };
            var assembly = new SnapshotAssembly();
            var collected = await inventory.Collector().CollectAsync(request, null, assembly, ct);
            // The shard holds its parts until its one-transaction commit: its identities come from them.
            var serviceAccounts = assembly.Parts.SelectMany(p => p.Rows.ServiceAccounts).ToList();
            var (usage, notes) = await inventory.UsageAsync(collected with { ServiceAccounts = serviceAccounts }, null, ct);
            parts = usage.Count == 0 && notes.Count == 0
                ? assembly.Parts
                : [.. assembly.Parts, new InventoryPart(InventoryPart.RunLevel, new InventorySnapshot { Usage = usage, Notes = notes })];
            (clusters, serviceAccountCount) = (collected.Clusters.Count, serviceAccounts.Count);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        var commit = await shards.CommitShardAsync(runId, index, parts, error, time.GetUtcNow(), ct);
        return new ShardOutcome(shard, commit.Stored, clusters, serviceAccountCount, error, commit.CompletedRun, time.GetElapsedTime(started));
    }

    /// <summary>The run when its completion was this shard's commit (both carry the commit's time); else null.</summary>
    private async Task<RunSummary?> CompletedByAsync(long runId, InventoryShard shard, CancellationToken ct) =>
        (await stored.ListRunsAsync(ct)).FirstOrDefault(r => r.RunId == runId && r.CompletedAt is { } at && at == shard.CompletedAt);
}
