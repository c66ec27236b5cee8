using Dapper;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// Writes a run in parts as it is collected (each part in its own short transaction, so memory holds one cluster, not the
/// estate); the run stays Running, unseen by readers of the latest run, until it is completed.
/// </summary>
public sealed class InventoryRunWriter(IStateDatabase connections) : IInventoryRunWriter
{
    public async Task<long> BeginRunAsync(DateTimeOffset startedAt, string? filter, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await InsertRunAsync(connection, null, startedAt, filter, ct);
    }

    internal static Task<long> InsertRunAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, DateTimeOffset startedAt, string? filter, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO inventory_runs (started_at, completed_at, status, cluster_count, binding_count, pod_count, role_count, association_count, error_count, filter)
            VALUES (@StartedAt, NULL, @Status, 0, 0, 0, 0, 0, 0, @Filter)
            RETURNING run_id;
            """,
            new { StartedAt = StorageFormat.Time(startedAt), Status = nameof(RunStatus.Running), Filter = filter }, tx, cancellationToken: ct));

    public async Task AppendAsync(long runId, InventoryPart part, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await RequireRunningAsync(connection, tx, runId, ct);
        await SnapshotTables.AppendAsync(connection, tx, runId, 0, part, shared: false, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<RunSummary> CompleteRunAsync(long runId, DateTimeOffset completedAt, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await RequireRunningAsync(connection, tx, runId, ct);
        var summary = await RunCompletion.CompleteAsync(connection, tx, runId, completedAt, ct);
        await tx.CommitAsync(ct);
        return summary;
    }

    public async Task InterruptRunAsync(long runId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inventory_runs SET status = @Status, completed_at = @At WHERE run_id = @RunId AND status = @Running;",
            new { RunId = runId, Status = nameof(RunStatus.Interrupted), At = StorageFormat.Time(at), Running = nameof(RunStatus.Running) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<RunSummary>> UnfinishedRunsAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<InventoryRunRow>(new CommandDefinition(
            $"SELECT {SqliteInventoryStore.RunColumns} FROM inventory_runs WHERE NOT ({SqliteInventoryStore.Finished}) ORDER BY run_id DESC;", cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    private static async Task RequireRunningAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long runId, CancellationToken ct)
    {
        var status = await RunCompletion.LockRunAsync(connection, tx, runId, ct)
            ?? throw new InvalidOperationException($"inventory run {runId} does not exist: a run is begun before its parts are written.");
        if (status != nameof(RunStatus.Running))
            throw new InvalidOperationException($"inventory run {runId} is {status}, not Running: parts are written only to a run being collected.");
    }
}
