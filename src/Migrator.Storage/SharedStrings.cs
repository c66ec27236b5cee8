namespace Migrator.Storage;

/// <summary>
/// One string instance per distinct value within one load: columns repeated on tens of thousands of rows (account,
/// region, cluster, namespace, reason texts) then cost one string each, not one per row.
/// </summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Share(string value)
    {
        if (_values.TryGetValue(value, out var existing)) return existing;
        _values[value] = value;
        return value;
    }
}
