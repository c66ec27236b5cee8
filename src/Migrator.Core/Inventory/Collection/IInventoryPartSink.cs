namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Where a collection puts what it reads as it reads it: begun once the clusters are found (and the selection is known
/// to match), then one part per cluster as each finishes, and the run-level part last. Parts may arrive from several
/// clusters at once.
/// </summary>
public interface IInventoryPartSink
{
    Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct);

    Task AppendAsync(InventoryPart part, CancellationToken ct);
}
