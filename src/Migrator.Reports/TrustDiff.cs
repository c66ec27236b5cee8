using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Migrator.Core.Trust;
using Migrator.Reports.Model;

namespace Migrator.Reports;

/// <summary>
/// A trust policy diff that reads statement by statement: statements are matched whole (same JSON → kept), so a
/// removed OIDC statement and the added Pod Identity statement show as themselves instead of as an edit of each other.
/// Documents that are not a JSON object with a Statement array fall back to a plain line diff.
/// </summary>
internal static class TrustDiff
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<DiffLineView> Compute(string before, string after)
    {
        var a = Statements(before);
        var b = Statements(after);
        if (a is null || b is null)
            return LineDiff.Compute(TrustDocument.Lines(before), TrustDocument.Lines(after));

        var keysA = a.Value.Statements.Select(s => s.ToJsonString()).ToList();
        var keysB = b.Value.Statements.Select(s => s.ToJsonString()).ToList();
        var ops = LineDiff.Compute(keysA, keysB);
        var lines = new List<DiffLineView> { Same("{") };
        var header = a.Value.Header.SequenceEqual(b.Value.Header, StringComparer.Ordinal) ? [(" ", a.Value.Header)] : new[] { ("-", a.Value.Header), ("+", b.Value.Header) };
        foreach (var (op, text) in header)
            foreach (var line in text)
                lines.Add(new DiffLineView { Op = op, Text = "  " + line + "," });
        lines.Add(Same("  \"Statement\": ["));
        int ia = 0, ib = 0;
        foreach (var op in ops)
        {
            var (node, last) = op.Op == "-" ? (a.Value.Statements[ia], ia == keysA.Count - 1) : (b.Value.Statements[ib], ib == keysB.Count - 1);
            var text = node.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < text.Length; i++)
                lines.Add(new DiffLineView { Op = op.Op, Text = "    " + text[i] + (i == text.Length - 1 && !last ? "," : "") });
            if (op.Op != "+") ia++;
            if (op.Op != "-") ib++;
        }
        lines.Add(Same("  ]"));
        lines.Add(Same("}"));
        return lines;
    }

    private static DiffLineView Same(string text) => new() { Op = " ", Text = text };

    /// <summary>The statements and the other top-level members (as "key": value lines), or null when not a policy object.</summary>
    private static (List<JsonNode> Statements, List<string> Header)? Statements(string document)
    {
        try
        {
            if (JsonNode.Parse(PolicyDocumentText.Decode(document)) is not JsonObject root || root["Statement"] is not JsonArray statements)
                return null;
            var header = root.Where(p => p.Key != "Statement")
                .Select(p => $"{JsonSerializer.Serialize(p.Key, Indented)}: {p.Value?.ToJsonString(Indented) ?? "null"}")
                .ToList();
            return (statements.Select(s => s ?? JsonValue.Create(0)!).ToList(), header);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
