using System.Data.Common;
using Dapper;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Sharding;
using Migrator.Core.Ports;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// Shards of sharded inventory runs. A shard's rows and its Done are one transaction under the run's row lock, so
/// workers committing shards of one run at once are serialised, a re-run job stores nothing twice, and exactly one
/// commit (the last) completes the run.
/// </summary>
public sealed class InventoryShardStore(IStateDatabase connections) : IInventoryShardStore
{
    public async Task<long> BeginShardedRunAsync(DateTimeOffset startedAt, IReadOnlyList<InventoryShard> shards, CancellationToken ct)
    {
        if (shards.Count == 0)
            throw new ArgumentException("a sharded run has at least one shard (an account and region).", nameof(shards));
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var runId = await InventoryRunWriter.InsertRunAsync(connection, tx, startedAt, null, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inventory_shards (run_id, shard, account_id, region, account_level, status, worker, attempts, started_at, completed_at, error)
            VALUES (@RunId, @Shard, @AccountId, @Region, @AccountLevel, @Status, @Worker, @Attempts, @StartedAt, @CompletedAt, @Error);
            """,
            shards.Select(s => ShardRow.From(runId, s with { Status = ShardStatus.Pending })).ToList(), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return runId;
    }

    public async Task<InventoryShard?> ClaimShardAsync(long runId, int shard, string worker, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE inventory_shards SET status = @Running, worker = @Worker, attempts = attempts + 1, started_at = @Now
            WHERE run_id = @RunId AND shard = @Shard AND status IN (@Pending, @Running);
            """,
            new { RunId = runId, Shard = (long)shard, Worker = worker, Now = StorageFormat.Time(now), Running = nameof(ShardStatus.Running), Pending = nameof(ShardStatus.Pending) },
            tx, cancellationToken: ct));
        var claimed = await ShardAsync(connection, tx, runId, shard, ct);
        await tx.CommitAsync(ct);
        return claimed;
    }

    public async Task<ShardCommit> CommitShardAsync(long runId, int shard, IReadOnlyList<InventoryPart> parts, string? error, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var runStatus = await RunCompletion.LockRunAsync(connection, tx, runId, ct)
            ?? throw new InvalidOperationException($"inventory run {runId} does not exist: its shard {shard} cannot be stored.");
        var current = await ShardAsync(connection, tx, runId, shard, ct)
            ?? throw new InvalidOperationException($"inventory run {runId} has no shard {shard}.");
        // Finished already (the job re-run), or the run was superseded (Interrupted) by a later schedule: nothing to store.
        if (current.Finished || runStatus != nameof(RunStatus.Running))
            return new ShardCommit(false, null);
        foreach (var part in parts)
            await SnapshotTables.AppendAsync(connection, tx, runId, shard, part, shared: true, ct);
        if (error is not null)
        {
            var failure = new InventoryPart(InventoryPart.RunLevel, new InventorySnapshot { Errors = [new CollectionError("shard", current.Key, "Collect", error)] });
            await SnapshotTables.AppendAsync(connection, tx, runId, shard, failure, shared: true, ct);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inventory_shards SET status = @Status, completed_at = @Now, error = @Error WHERE run_id = @RunId AND shard = @Shard;",
            new
            {
                RunId = runId, Shard = (long)shard, Now = StorageFormat.Time(now), Error = error,
                Status = (error is null ? ShardStatus.Done : ShardStatus.Failed).ToString(),
            }, tx, cancellationToken: ct));
        var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inventory_shards WHERE run_id = @RunId AND status NOT IN (@Done, @Failed);",
            new { RunId = runId, Done = nameof(ShardStatus.Done), Failed = nameof(ShardStatus.Failed) }, tx, cancellationToken: ct));
        var completed = open == 0 ? await RunCompletion.CompleteAsync(connection, tx, runId, now, ct) : null;
        await tx.CommitAsync(ct);
        return new ShardCommit(true, completed);
    }

    public async Task ReleaseShardAsync(long runId, int shard, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inventory_shards SET status = @Pending WHERE run_id = @RunId AND shard = @Shard AND status = @Running;",
            new { RunId = runId, Shard = (long)shard, Pending = nameof(ShardStatus.Pending), Running = nameof(ShardStatus.Running) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<InventoryShard>> ShardsAsync(long runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<ShardRow>(new CommandDefinition(
            $"SELECT {ShardRow.Columns} FROM inventory_shards WHERE run_id = @RunId ORDER BY shard;", new { RunId = runId }, cancellationToken: ct));
        return rows.Select(r => r.ToShard()).ToList();
    }

    private static async Task<InventoryShard?> ShardAsync(DbConnection connection, DbTransaction tx, long runId, int shard, CancellationToken ct) =>
        (await connection.QuerySingleOrDefaultAsync<ShardRow>(new CommandDefinition(
            $"SELECT {ShardRow.Columns} FROM inventory_shards WHERE run_id = @RunId AND shard = @Shard;", new { RunId = runId, Shard = (long)shard }, tx, cancellationToken: ct)))?.ToShard();
}
