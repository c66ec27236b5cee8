using System.Reflection;
using System.Text;
using System.Data;
using System.Data.Common;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// One snapshot table and its row class: the INSERT is derived from the row's properties (PascalCase → snake_case
/// columns), so the SQL cannot drift from the class; reads map back the same way, by column ordinal (<see cref="RowColumns{TRow}"/>).
/// </summary>
internal sealed class SnapshotTable<TRow> where TRow : SnapshotRow, new()
{
    private readonly string _insert;
    private readonly string? _insertMissing;
    private readonly RunRowsQuery<TRow> _rows;

    /// <param name="name">The table.</param>
    /// <param name="key">
    /// Row properties that identify a row within a run, for tables whose rows several parts of one run may repeat (a
    /// role two shards refer to): <see cref="InsertMissingAsync{TRecord}"/> skips rows already there.
    /// </param>
    public SnapshotTable(string name, params string[] key)
    {
        Name = name;
        var columns = RowValues<TRow>.Columns.Select(c => c.Name).ToList();
        _insert = $"INSERT INTO {name} ({string.Join(", ", columns.Select(SnakeCase))}) VALUES ({string.Join(", ", RowValues<TRow>.Placeholders)});";
        if (key.Length > 0)
            _insertMissing = $"INSERT INTO {name} ({string.Join(", ", columns.Select(SnakeCase))}) SELECT {string.Join(", ", RowValues<TRow>.Placeholders)} " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {name} WHERE run_id = @RunId AND {string.Join(" AND ", key.Select(k => $"{SnakeCase(k)} = @{k}"))});";
        _rows = new RunRowsQuery<TRow>(name);
    }

    public string Name { get; }

    public Task InsertAsync<TRecord>(DbConnection connection, DbTransaction tx, long runId, IReadOnlyList<TRecord> records, Func<TRecord, TRow> toRow, CancellationToken ct) =>
        InsertAsync(connection, tx, runId, records, toRow, i => i, ct);

    /// <summary>Inserts the records with seq = <paramref name="seq"/>(index).</summary>
    public Task InsertAsync<TRecord>(DbConnection connection, DbTransaction tx, long runId, IReadOnlyList<TRecord> records, Func<TRecord, TRow> toRow, Func<int, long> seq, CancellationToken ct) =>
        ExecuteAsync(_insert, connection, tx, runId, records, toRow, seq, ct);

    /// <summary>As <see cref="InsertAsync{TRecord}(DbConnection, DbTransaction, long, IReadOnlyList{TRecord}, Func{TRecord, TRow}, Func{int, long}, CancellationToken)"/>, skipping rows whose key the run has already.</summary>
    public Task InsertMissingAsync<TRecord>(DbConnection connection, DbTransaction tx, long runId, IReadOnlyList<TRecord> records, Func<TRecord, TRow> toRow, Func<int, long> seq, CancellationToken ct)
    {
        var sql = _insertMissing ?? throw new InvalidOperationException($"{Name} has no key: its rows are never repeated within a run.");
        return ExecuteAsync(sql, connection, tx, runId, records, toRow, seq, ct);
    }

    /// <summary>
    /// Runs the statement once per record on one command whose parameters are made once: each row is made as its turn
    /// comes and only the parameters' values change (a run's 76,000 roles with their JSON columns are never all held as
    /// rows at once). Dapper's per-row execution made every parameter again for every row (and the SQLite provider
    /// tried each name prefix as a new string): a full-size inventory allocated 1,510 MB with it, 1,097 MB without
    /// (estate benchmark).
    /// </summary>
    private static async Task ExecuteAsync<TRecord>(string sql, DbConnection connection, DbTransaction tx, long runId, IReadOnlyList<TRecord> records, Func<TRecord, TRow> toRow, Func<int, long> seq, CancellationToken ct)
    {
        if (records.Count == 0) return;
        await using var command = connection.PerRow(tx, sql, RowValues<TRow>.Placeholders, RowValues<TRow>.Types);
        for (var i = 0; i < records.Count; i++)
        {
            var row = toRow(records[i]);
            row.RunId = runId;
            row.Seq = seq(i);
            RowValues<TRow>.Set(row, command.Parameters);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Reads the run's rows by column ordinal into the row class (no boxing, no per-row reflection) and maps each to its
    /// record. A 20,000-binding snapshot is tens of thousands of rows: this is most of what a report or an assessment
    /// waits for. Low-cardinality columns (account, region, cluster, namespace) share one string per value.
    /// </summary>
    public Task<List<TRecord>> LoadAsync<TRecord>(DbConnection connection, long runId, Func<TRow, TRecord> toRecord, CancellationToken ct) =>
        _rows.AllAsync(connection, runId, toRecord, new SharedStrings(), ct);

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>The row class's properties (long, string, string?) as statement parameters: name, type and a getter each.</summary>
internal static class RowValues<TRow> where TRow : SnapshotRow
{
    public static readonly (string Name, DbType Type, Func<TRow, long>? Long, Func<TRow, string?>? Text)[] Columns =
        typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.PropertyType == typeof(long)
                ? (p.Name, DbType.Int64, p.GetMethod!.CreateDelegate<Func<TRow, long>>(), (Func<TRow, string?>?)null)
                : p.PropertyType == typeof(string)
                    ? (p.Name, DbType.String, (Func<TRow, long>?)null, p.GetMethod!.CreateDelegate<Func<TRow, string?>>())
                    : throw new InvalidOperationException($"{typeof(TRow).Name}.{p.Name} is {p.PropertyType.Name}; snapshot rows hold long and string columns only."))
            .ToArray();

    /// <summary>The statement's placeholders (@Name) and parameter types, in <see cref="Columns"/> order.</summary>
    public static readonly string[] Placeholders = Columns.Select(c => "@" + c.Name).ToArray();

    public static readonly DbType[] Types = Columns.Select(c => c.Type).ToArray();

    /// <summary>Sets each parameter (in <see cref="Columns"/> order) to the row's value; a null text is DBNull.</summary>
    public static void Set(TRow row, DbParameterCollection parameters)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            var (_, _, getLong, getText) = Columns[c];
            parameters[c].Value = getLong is not null ? getLong(row) : (object?)getText!(row) ?? DBNull.Value;
        }
    }
}

/// <summary>The row class's settable properties (long, string, string?) bound to a reader's column ordinals.</summary>
internal sealed class RowColumns<TRow> where TRow : SnapshotRow, new()
{
    // Columns whose values repeat on many rows of a run (a role's path and the region it was last used in among them).
    private static readonly string[] SharedNames = ["AccountId", "Region", "Cluster", "Namespace", "Path", "LastUsedRegion"];
    private static readonly (string Column, Action<TRow, long>? Long, Action<TRow, string?>? Text, bool Shared)[] Properties =
        typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.PropertyType == typeof(long)
                ? (SnapshotTable<TRow>.SnakeCase(p.Name), (Action<TRow, long>?)p.SetMethod!.CreateDelegate<Action<TRow, long>>(), (Action<TRow, string?>?)null, false)
                : p.PropertyType == typeof(string)
                    ? (SnapshotTable<TRow>.SnakeCase(p.Name), null, p.SetMethod!.CreateDelegate<Action<TRow, string?>>(), SharedNames.Contains(p.Name))
                    : throw new InvalidOperationException($"{typeof(TRow).Name}.{p.Name} is {p.PropertyType.Name}; snapshot rows hold long and string columns only."))
            .ToArray();

    private readonly int[] _ordinals;

    private RowColumns(int[] ordinals) => _ordinals = ordinals;

    public static RowColumns<TRow> Bind(DbDataReader reader) => new(Properties.Select(p => reader.GetOrdinal(p.Column)).ToArray());

    public void Fill(TRow row, DbDataReader reader, SharedStrings shared)
    {
        for (var i = 0; i < Properties.Length; i++)
        {
            var (_, setLong, setText, share) = Properties[i];
            var ordinal = _ordinals[i];
            if (setLong is not null)
            {
                setLong(row, reader.GetInt64(ordinal));
                continue;
            }
            if (reader.IsDBNull(ordinal))
            {
                setText!(row, null);
                continue;
            }
            var text = reader.GetString(ordinal);
            setText!(row, share ? shared.Share(text) : text);
        }
    }
}
