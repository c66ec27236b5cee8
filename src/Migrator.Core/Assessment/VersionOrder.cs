namespace Migrator.Core.Assessment;

/// <summary>
/// Compares dotted or dashed versions by their numeric parts ("2.15.0", "eks.13", "release-2023-11-14").
/// Missing parts count as zero; non-numeric parts are ignored.
/// </summary>
public static class VersionOrder
{
    public static bool TryParts(string version, out IReadOnlyList<long> parts)
    {
        var list = new List<long>();
        foreach (var piece in version.Split(['.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(piece, out var n)) list.Add(n);
        }
        parts = list;
        return list.Count > 0;
    }

    /// <summary>Negative when a &lt; b. Both must parse (see <see cref="TryParts"/>).</summary>
    public static int Compare(string a, string b)
    {
        if (!TryParts(a, out var x) || !TryParts(b, out var y))
            throw new FormatException($"cannot compare versions '{a}' and '{b}'");
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var c = (i < x.Count ? x[i] : 0).CompareTo(i < y.Count ? y[i] : 0);
            if (c != 0) return c;
        }
        return 0;
    }
}
