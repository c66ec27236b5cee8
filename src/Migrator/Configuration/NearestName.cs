using Migrator.Core.Text;

namespace Migrator.Configuration;

/// <summary>The known name a mistyped configuration key most likely meant, for "did you mean ...?".</summary>
public static class NearestName
{
    public static string? For(string attempted, IEnumerable<string> known)
    {
        var lower = attempted.ToLowerInvariant();
        var best = known
            .Select(k => (Name: k, Distance: Levenshtein.Distance(lower, k.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Name is not null && best.Distance <= Math.Max(2, attempted.Length / 3))
            return best.Name;
        // A longer or shorter form of the same word (OutputDirectory for OutputPath): the longest shared start.
        var prefix = known
            .Select(k => (Name: k, Shared: SharedStart(lower, k.ToLowerInvariant())))
            .Where(x => x.Shared >= 4)
            .OrderByDescending(x => x.Shared).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return prefix.Name;
    }

    private static int SharedStart(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}
