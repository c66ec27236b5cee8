using System.Data.Common;
using Dapper;
using Migrator.Core.Inventory;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>Completing a run written in parts: its counts and status from the rows stored, in SQL (nothing loaded).</summary>
internal static class RunCompletion
{
    /// <summary>
    /// Takes the run's row lock for the rest of the transaction (PostgreSQL: the row; SQLite: the database's write
    /// lock), so parts and completions of one run from several workers are serialised. Returns the run's status as it is
    /// under the lock; null when the run does not exist.
    /// </summary>
    public static async Task<string?> LockRunAsync(DbConnection connection, DbTransaction tx, long runId, CancellationToken ct)
    {
        var locked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE inventory_runs SET run_id = run_id WHERE run_id = @RunId;", new { RunId = runId }, tx, cancellationToken: ct));
        return locked == 0 ? null : await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT status FROM inventory_runs WHERE run_id = @RunId;", new { RunId = runId }, tx, cancellationToken: ct));
    }

    public static async Task<RunSummary> CompleteAsync(DbConnection connection, DbTransaction tx, long runId, DateTimeOffset completedAt, CancellationToken ct)
    {
        var counts = await connection.QuerySingleAsync<RunCounts>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM inventory_clusters WHERE run_id = @RunId) AS Clusters,
                   (SELECT COUNT(*) FROM inventory_clusters WHERE run_id = @RunId AND collection_error IS NULL) AS ClustersRead,
                   (SELECT COUNT(*) FROM inventory_service_accounts WHERE run_id = @RunId AND role_arn IS NOT NULL) AS Bindings,
                   (SELECT COUNT(*) FROM inventory_pods WHERE run_id = @RunId) AS Pods,
                   (SELECT COUNT(*) FROM inventory_roles WHERE run_id = @RunId) AS Roles,
                   (SELECT COUNT(*) FROM inventory_associations WHERE run_id = @RunId) AS Associations,
                   (SELECT COUNT(*) FROM inventory_errors WHERE run_id = @RunId) AS Errors;
            """, new { RunId = runId }, tx, cancellationToken: ct));
        // As a run saved whole: Complete without errors; Partial when some cluster was read despite them; else Failed.
        var status = counts.Errors == 0 ? RunStatus.Complete : counts.ClustersRead > 0 ? RunStatus.Partial : RunStatus.Failed;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE inventory_runs SET completed_at = @CompletedAt, status = @Status, cluster_count = @Clusters, binding_count = @Bindings,
                   pod_count = @Pods, role_count = @Roles, association_count = @Associations, error_count = @Errors
            WHERE run_id = @RunId;
            """,
            new
            {
                RunId = runId, CompletedAt = StorageFormat.Time(completedAt), Status = status.ToString(), counts.Clusters, counts.Bindings,
                counts.Pods, counts.Roles, counts.Associations, counts.Errors,
            }, tx, cancellationToken: ct));
        return (await connection.QuerySingleAsync<InventoryRunRow>(new CommandDefinition(
            $"SELECT {SqliteInventoryStore.RunColumns} FROM inventory_runs WHERE run_id = @RunId;", new { RunId = runId }, tx, cancellationToken: ct))).ToSummary();
    }

    private sealed class RunCounts
    {
        public long Clusters { get; set; }
        public long ClustersRead { get; set; }
        public long Bindings { get; set; }
        public long Pods { get; set; }
        public long Roles { get; set; }
        public long Associations { get; set; }
        public long Errors { get; set; }
    }
}
