namespace Migrator.Core.Trust;

/// <summary>
/// The condition keys of a request and their values. Keys compare case-insensitively (IAM user guide, "Condition
/// element": condition key names are not case-sensitive). A key with several values is multivalued (aws:TagKeys).
/// A key not in the context is absent, which is what every operator's absent-key rule is about.
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, IReadOnlyList<string>> _keys = new(StringComparer.OrdinalIgnoreCase);

    public RequestContext Set(string key, params string[] values)
    {
        _keys[key] = values;
        return this;
    }

    public IReadOnlyList<string>? Get(string key) => _keys.TryGetValue(key, out var v) ? v : null;

    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Keys => _keys;
}
