using System.Text;
using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// Diffs of policy documents: a line diff (longest common subsequence), its unified text with three lines of
/// context, and a diff that reads statement by statement.
/// </summary>
public static class PolicyDiff
{
    /// <summary>A line diff of two short documents: every line of both, in order, marked kept, removed or added.</summary>
    public static List<PolicyDiffLine> Lines(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }
        var result = new List<PolicyDiffLine>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { result.Add(new(PolicyDiffOp.Kept, a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add(new(PolicyDiffOp.Removed, a[x++]));
            else result.Add(new(PolicyDiffOp.Added, b[y++]));
        }
        while (x < a.Count) result.Add(new(PolicyDiffOp.Removed, a[x++]));
        while (y < b.Count) result.Add(new(PolicyDiffOp.Added, b[y++]));
        return result;
    }

    /// <summary>A unified line diff of two texts with three lines of context; empty when they have the same lines.</summary>
    public static string Unified(string before, string after, string beforeName = "original", string afterName = "rewritten")
    {
        var lines = Lines(PolicyDocument.Lines(before), PolicyDocument.Lines(after));
        if (lines.All(l => l.Op == PolicyDiffOp.Kept))
            return "";
        var output = new StringBuilder();
        output.Append("--- ").AppendLine(beforeName).Append("+++ ").AppendLine(afterName);
        var show = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Op == PolicyDiffOp.Kept) continue;
            for (var k = Math.Max(0, i - 3); k <= Math.Min(lines.Count - 1, i + 3); k++)
                show[k] = true;
        }
        var gap = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!show[i]) { gap = true; continue; }
            if (gap || i == 0) output.AppendLine("@@");
            gap = false;
            output.Append(lines[i].Mark).AppendLine(lines[i].Text);
        }
        return output.ToString();
    }

    /// <summary>
    /// A trust policy diff that reads statement by statement: statements are matched whole (same JSON → kept), so a
    /// removed OIDC statement and an added Pod Identity statement show as themselves instead of as an edit of each
    /// other. Documents that are not a JSON object with a Statement array fall back to a line diff of
    /// <see cref="PolicyDocument.Pretty"/>.
    /// </summary>
    public static List<PolicyDiffLine> Statements(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        if (a is null || b is null)
            return Lines(PolicyDocument.PrettyLines(before), PolicyDocument.PrettyLines(after));

        var keysA = a.Value.Statements.Select(s => PolicyTreeWriter.Fresh(s, indented: false)).ToList();
        var keysB = b.Value.Statements.Select(s => PolicyTreeWriter.Fresh(s, indented: false)).ToList();
        var ops = Lines(keysA, keysB);
        var lines = new List<PolicyDiffLine> { new(PolicyDiffOp.Kept, "{") };
        var header = a.Value.Header.SequenceEqual(b.Value.Header, StringComparer.Ordinal)
            ? [(PolicyDiffOp.Kept, a.Value.Header)]
            : new[] { (PolicyDiffOp.Removed, a.Value.Header), (PolicyDiffOp.Added, b.Value.Header) };
        foreach (var (op, members) in header)
        {
            foreach (var member in members)
                lines.Add(new(op, "  " + member + ","));
        }
        lines.Add(new(PolicyDiffOp.Kept, "  \"Statement\": ["));
        int ia = 0, ib = 0;
        foreach (var op in ops)
        {
            var (node, last) = op.Op == PolicyDiffOp.Removed
                ? (a.Value.Statements[ia], ia == keysA.Count - 1)
                : (b.Value.Statements[ib], ib == keysB.Count - 1);
            var text = PolicyDocument.Lines(PolicyTreeWriter.Fresh(node, indented: true));
            for (var i = 0; i < text.Count; i++)
                lines.Add(new(op.Op, "    " + text[i] + (i == text.Count - 1 && !last ? "," : "")));
            if (op.Op != PolicyDiffOp.Added) ia++;
            if (op.Op != PolicyDiffOp.Removed) ib++;
        }
        lines.Add(new(PolicyDiffOp.Kept, "  ]"));
        lines.Add(new(PolicyDiffOp.Kept, "}"));
        return lines;
    }

    /// <summary>The statements and the other top-level members (as "key": value), or null when not a policy object.</summary>
    private static (List<PolicyNode> Statements, List<string> Header)? Split(string document)
    {
        var (root, error) = PolicyTreeReader.Read(PolicyDocumentText.Decode(document));
        if (error is not null || root is not PolicyObject map || map["Statement"] is not PolicyArray statements)
            return null;
        var header = map.Properties.Where(p => p.Name != "Statement")
            .Select(p => $"{PolicyTreeWriter.Quote(p.Name)}: {PolicyTreeWriter.Fresh(p.Value, indented: true)}")
            .ToList();
        return (statements.Items, header);
    }
}
