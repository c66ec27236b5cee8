using System.Reflection;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// One snapshot table and its row class: the INSERT is derived from the row's properties (PascalCase → snake_case
/// columns), so the SQL cannot drift from the class; Dapper maps reads back with MatchNamesWithUnderscores.
/// </summary>
internal sealed class SnapshotTable<TRow> where TRow : SnapshotRow
{
    private readonly string _insert;
    private readonly string _select;

    public SnapshotTable(string name)
    {
        var columns = typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();
        _insert = $"INSERT INTO {name} ({string.Join(", ", columns.Select(SnakeCase))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))});";
        _select = $"SELECT * FROM {name} WHERE run_id = @RunId ORDER BY seq;";
    }

    public async Task InsertAsync<TRecord>(SqliteConnection connection, SqliteTransaction tx, long runId, IReadOnlyList<TRecord> records, Func<TRecord, TRow> toRow, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var rows = records.Select((r, i) =>
        {
            var row = toRow(r);
            row.RunId = runId;
            row.Seq = i;
            return row;
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(_insert, rows, tx, cancellationToken: ct));
    }

    public async Task<List<TRecord>> LoadAsync<TRecord>(SqliteConnection connection, long runId, Func<TRow, TRecord> toRecord, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(_select, new { RunId = runId }, cancellationToken: ct));
        return rows.Select(toRecord).ToList();
    }

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
