using System.Text;

namespace Migrator.Integration.Tests.Reports;

/// <summary>Reads RFC 4180 CSV (quoted cells with commas, doubled quotes, CRLF) into rows keyed by the header's names.</summary>
public static class CsvTable
{
    public static (IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, string>> Rows) Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': record.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    record.Add(cell.ToString());
                    cell.Clear();
                    records.Add(record);
                    record = [];
                    break;
                default: cell.Append(c); break;
            }
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            records.Add(record);
        }
        var header = records[0];
        var rows = records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Select((h, i) => (h, v: r[i])).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal);
        }).ToList();
        return (header, rows);
    }
}
