namespace Migrator.Verbs.Trust;

/// <summary>A unified line diff (longest common subsequence, three lines of context) of two small documents.</summary>
internal static class LineDiff
{
    public static string Unified(string before, string after, string beforeName = "original", string afterName = "rewritten")
    {
        var a = before.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var b = after.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }
        var lines = new List<(char Op, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { lines.Add((' ', a[x])); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { lines.Add(('-', a[x])); x++; }
            else { lines.Add(('+', b[y])); y++; }
        }
        if (lines.All(l => l.Op == ' '))
            return "";
        var output = new System.Text.StringBuilder();
        output.Append("--- ").AppendLine(beforeName).Append("+++ ").AppendLine(afterName);
        var show = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Op == ' ') continue;
            for (var k = Math.Max(0, i - 3); k <= Math.Min(lines.Count - 1, i + 3); k++)
                show[k] = true;
        }
        var gap = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!show[i]) { gap = true; continue; }
            if (gap || i == 0) output.AppendLine("@@");
            gap = false;
            output.Append(lines[i].Op).AppendLine(lines[i].Text);
        }
        return output.ToString();
    }
}
