using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// Stores a collection as it goes: the run is begun once the clusters are found, and each cluster's part is written as
/// the cluster finishes (one writer at a time: the parts of parallel clusters queue here, not on the database's lock).
/// </summary>
public sealed class StoredRunSink(IInventoryRunWriter writer, string? filter) : IInventoryPartSink, IDisposable
{
    private readonly SemaphoreSlim _writing = new(1);

    /// <summary>The run's id once begun.</summary>
    public long? RunId { get; private set; }

    public async Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct) => RunId = await writer.BeginRunAsync(startedAt, filter, ct);

    public async Task AppendAsync(InventoryPart part, CancellationToken ct)
    {
        var runId = RunId ?? throw new InvalidOperationException("a part arrived before the run was begun.");
        await _writing.WaitAsync(ct);
        try
        {
            await writer.AppendAsync(runId, part, ct);
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();
}
