namespace Migrator.Core.Text;

/// <summary>Edit distance between two names, to suggest the near name a typo meant ("did you mean ...?").</summary>
public static class Levenshtein
{
    /// <summary>The fewest single-character insertions, deletions and substitutions that turn a into b (ordinal).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
