using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// One read-only annotation map per distinct set of annotations among the ServiceAccounts a run keeps once their
/// clusters are stored (for the evidence sweeps and the run's summary): the ServiceAccounts of one role carry the same
/// annotations, so a 200,000-ServiceAccount run of 76,000 roles keeps 76,000 maps, not 200,000. Thread-safe.
/// </summary>
internal sealed class SharedAnnotations
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _maps = new(StringComparer.Ordinal);

    /// <summary>The record without its owner marks (<see cref="ServiceAccountRecord.WithoutOwnerMarks"/>), its annotations shared.</summary>
    public ServiceAccountRecord Keep(ServiceAccountRecord serviceAccount)
    {
        var sa = serviceAccount.WithoutOwnerMarks();
        if (sa.Annotations.Count == 0)
            return ReferenceEquals(sa.Annotations, ServiceAccountRecord.None) ? sa : sa with { Annotations = ServiceAccountRecord.None };
        // Names and values cannot hold NUL, and names not '=' : one text per distinct set, in name order.
        var key = string.Join('\0', sa.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        var map = _maps.GetOrAdd(key, static (_, annotations) => new ReadOnlyDictionary<string, string>(annotations.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal)), sa.Annotations);
        return sa with { Annotations = map };
    }
}
