using Migrator.Reports.Model;

namespace Migrator.Reports;

/// <summary>A line diff (longest common subsequence) of two short documents such as trust policies.</summary>
internal static class LineDiff
{
    public static List<DiffLineView> Compute(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<DiffLineView>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y]) { result.Add(new DiffLineView { Op = " ", Text = a[x] }); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add(new DiffLineView { Op = "-", Text = a[x++] });
            else result.Add(new DiffLineView { Op = "+", Text = b[y++] });
        }
        while (x < a.Count) result.Add(new DiffLineView { Op = "-", Text = a[x++] });
        while (y < b.Count) result.Add(new DiffLineView { Op = "+", Text = b[y++] });
        return result;
    }
}
