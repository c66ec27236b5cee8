using System.Data.Common;
using Migrator.Core.Inventory;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// Reads the rows of one snapshot table for a run, all of them or one cluster's (by the account, region and cluster
/// columns, indexed by migration 012), in stored order, by column ordinal (<see cref="RowColumns{TRow}"/>).
/// </summary>
internal sealed class RunRowsQuery<TRow>(string table) where TRow : SnapshotRow, new()
{
    private readonly string _all = $"SELECT * FROM {table} WHERE run_id = @RunId ORDER BY seq;";
    private readonly string _cluster = $"SELECT * FROM {table} WHERE run_id = @RunId AND account_id = @AccountId AND region = @Region AND cluster = @Cluster ORDER BY seq;";

    /// <summary>The run's rows matching <paramref name="where"/> (SQL over the table's columns), one at a time as read.</summary>
    public IAsyncEnumerable<TRow> StreamAsync(DbConnection connection, long runId, string where, SharedStrings shared, CancellationToken ct) =>
        RowsAsync(connection, $"SELECT * FROM {table} WHERE run_id = @RunId AND ({where}) ORDER BY seq;", [("@RunId", runId)], shared, ct);

    public Task<List<TRecord>> AllAsync<TRecord>(DbConnection connection, long runId, Func<TRow, TRecord> toRecord, SharedStrings shared, CancellationToken ct) =>
        ReadAsync(connection, _all, [("@RunId", runId)], toRecord, shared, ct);

    public Task<List<TRecord>> ClusterAsync<TRecord>(DbConnection connection, long runId, ClusterRef cluster, Func<TRow, TRecord> toRecord, SharedStrings shared, CancellationToken ct) =>
        ReadAsync(connection, _cluster, [("@RunId", runId), ("@AccountId", cluster.AccountId), ("@Region", cluster.Region), ("@Cluster", cluster.Name)], toRecord, shared, ct);

    private static async Task<List<TRecord>> ReadAsync<TRecord>(DbConnection connection, string sql, (string Name, object Value)[] parameters, Func<TRow, TRecord> toRecord, SharedStrings shared, CancellationToken ct)
    {
        var records = new List<TRecord>();
        await foreach (var row in RowsAsync(connection, sql, parameters, shared, ct))
            records.Add(toRecord(row));
        return records;
    }

    /// <summary>The rows of <paramref name="sql"/> bound by column ordinal, one at a time as read.</summary>
    private static async IAsyncEnumerable<TRow> RowsAsync(DbConnection connection, string sql, (string Name, object Value)[] parameters, SharedStrings shared,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.AddParameter(name, value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var columns = RowColumns<TRow>.Bind(reader);
        while (await reader.ReadAsync(ct))
        {
            var row = new TRow();
            columns.Fill(row, reader, shared);
            yield return row;
        }
    }
}
