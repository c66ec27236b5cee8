using System.Collections.Concurrent;
using System.Diagnostics;
using Migrator.Core.Inventory.Collection;

namespace Migrator.Benchmarks;

/// <summary>When the inventory entered each phase, in seconds from the start: where its wall time goes.</summary>
public sealed class PhaseClock : IProgress<InventoryProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, double> _entered = new(StringComparer.Ordinal);
    private double _firstClusterDone = -1;

    public void Report(InventoryProgress value)
    {
        var now = Math.Round(_clock.Elapsed.TotalSeconds, 2);
        _entered.TryAdd(value.Phase, now);
        if (value.ClustersDone > 0 && _firstClusterDone < 0)
            _firstClusterDone = now;
    }

    /// <summary>Records a moment that is not a phase of the collection (the run begun in storage), as phases are.</summary>
    public void Mark(string what) => _entered.TryAdd(what, Math.Round(_clock.Elapsed.TotalSeconds, 2));

    /// <summary>Phase → seconds at which it began, plus the first cluster finished.</summary>
    public IReadOnlyDictionary<string, double> Entered =>
        new SortedDictionary<string, double>(_entered.Append(new("first cluster done", _firstClusterDone)).ToDictionary(), StringComparer.Ordinal);

}
