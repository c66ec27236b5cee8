namespace Migrator.Core.Inventory;

/// <summary>
/// Orders keys exactly as their text (<see cref="BindingKey.ToString"/>, ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT)
/// compares ordinally, without building the text: plans have always been ordered so, and sorting 200,000 bindings by
/// their text built 200,000 strings (about 30 MB) per sort. It differs from <see cref="BindingOrder"/>, which compares
/// part by part: "a-b" comes before "a" here, as "a-b/…" sorts before "a/…".
/// </summary>
public sealed class BindingKeyTextOrder : IComparer<BindingKey>
{
    public static readonly BindingKeyTextOrder Instance = new();

    private const int Parts = 5;

    public int Compare(BindingKey? x, BindingKey? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        for (var part = 0; part < Parts; part++)
        {
            var (a, b) = (Part(x, part), Part(y, part));
            if (string.Equals(a, b, StringComparison.Ordinal)) continue;
            var common = Math.Min(a.Length, b.Length);
            var c = a.AsSpan(0, common).SequenceCompareTo(b.AsSpan(0, common));
            if (c != 0) return c;
            // One part is a prefix of the other: in the text the shorter is followed by '/' (or ends, after the last part).
            var longer = a.Length > b.Length ? a : b;
            var shorterFirst = part == Parts - 1 ? -1 : '/'.CompareTo(longer[common]);
            // A part holding '/' (not a valid name) makes the parts misalign: the texts decide.
            if (shorterFirst == 0) return string.CompareOrdinal(x.ToString(), y.ToString());
            return a.Length < b.Length ? shorterFirst : -shorterFirst;
        }
        return 0;
    }

    private static string Part(BindingKey key, int part) => part switch
    {
        0 => key.Cluster.AccountId,
        1 => key.Cluster.Region,
        2 => key.Cluster.Name,
        3 => key.Namespace,
        _ => key.ServiceAccount,
    };
}
