using Migrator.Core.Inventory.Collection;

namespace Migrator.Verbs.Inventory;

/// <summary>
/// The live status of a run. On a terminal: one line rewritten with \r. Redirected: a plain line whenever the phase,
/// the clusters done or the error count changes (not on every API call).
/// </summary>
public sealed class ProgressLine(TextWriter writer, bool interactive) : IProgress<InventoryProgress>
{
    private readonly Lock _lock = new();
    private int _width;
    private (string Phase, int Done, int Errors)? _lastPlain;

    public void Report(InventoryProgress value)
    {
        var text = $"{value.Phase}: {value.Unit} {value.ClustersDone}/{value.ClustersTotal}, API calls {value.ApiCalls}, errors {value.Errors}";
        lock (_lock)
        {
            if (interactive)
            {
                writer.Write("\r" + text.PadRight(_width));
                _width = Math.Max(_width, text.Length);
                writer.Flush();
                return;
            }
            var key = (value.Phase, value.ClustersDone, value.Errors);
            if (_lastPlain == key) return;
            _lastPlain = key;
            writer.WriteLine(value.LastEvent is null ? text : $"{text} ({value.LastEvent})");
        }
    }

    /// <summary>Ends the rewritten line so the summary starts on its own line.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (interactive && _width > 0) writer.WriteLine();
        }
    }
}
