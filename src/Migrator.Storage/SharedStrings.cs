namespace Migrator.Storage;

/// <summary>
/// One string instance per distinct value within one load: columns repeated on tens of thousands of rows (account,
/// region, cluster, namespace, reason texts) then cost one string each, not one per row.
/// </summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private Dictionary<string, object>? _parsed;

    public string Share(string value)
    {
        if (_values.TryGetValue(value, out var existing)) return existing;
        _values[value] = value;
        return value;
    }

    /// <summary>
    /// One read value per distinct text of a column read on many rows (a binding's workloads: the same app's workload
    /// in every cluster it runs in), for immutable values only: every row with that text gets the same instance.
    /// </summary>
    public T Parsed<T>(string text, Func<string, T> parse)
        where T : class
    {
        _parsed ??= new Dictionary<string, object>(StringComparer.Ordinal);
        if (_parsed.TryGetValue(text, out var existing) && existing is T known) return known;
        var made = parse(text);
        _parsed[text] = made;
        return made;
    }
}
