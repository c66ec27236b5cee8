using System.Collections.ObjectModel;

namespace Migrator.Storage;

/// <summary>
/// One read-only map per distinct stored JSON text within one load: the ServiceAccounts of one role carry the same
/// annotations, so the 200,000 ServiceAccounts of a 76,000-role estate hold 76,000 annotation maps, not 200,000. The
/// texts are held only while the load runs.
/// </summary>
public sealed class SharedMaps
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _maps = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Map(string json)
    {
        if (_maps.TryGetValue(json, out var map)) return map;
        var parsed = StorageFormat.Map(json);
        map = parsed.Count == 0 ? Core.Inventory.ServiceAccountRecord.None : new ReadOnlyDictionary<string, string>(parsed);
        _maps[json] = map;
        return map;
    }
}
