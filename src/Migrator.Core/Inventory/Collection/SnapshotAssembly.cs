using System.Collections.Concurrent;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// A sink that keeps every part in memory and assembles them in position order into one snapshot: the same snapshot a
/// run stored in parts loads back as. For tests, the benchmark's micro cases and a shard's one-transaction commit.
/// </summary>
public sealed class SnapshotAssembly : IInventoryPartSink
{
    private readonly ConcurrentBag<InventoryPart> _parts = [];

    public DateTimeOffset StartedAt { get; private set; }

    public Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct)
    {
        StartedAt = startedAt;
        return Task.CompletedTask;
    }

    public Task AppendAsync(InventoryPart part, CancellationToken ct)
    {
        _parts.Add(part);
        return Task.CompletedTask;
    }

    /// <summary>The parts in position order.</summary>
    public IReadOnlyList<InventoryPart> Parts => [.. _parts.OrderBy(p => p.Position)];

    /// <summary>Every part's rows, in position order, in one snapshot (run fields from <paramref name="run"/>).</summary>
    public InventorySnapshot Assemble(InventorySnapshot run)
    {
        var parts = Parts.Select(p => p.Rows).ToList();
        return run with
        {
            Clusters = [.. parts.SelectMany(p => p.Clusters)],
            ServiceAccounts = [.. parts.SelectMany(p => p.ServiceAccounts)],
            Workloads = [.. parts.SelectMany(p => p.Workloads)],
            Pods = [.. parts.SelectMany(p => p.Pods)],
            Associations = [.. parts.SelectMany(p => p.Associations)],
            Addons = [.. parts.SelectMany(p => p.Addons)],
            Roles = [.. parts.SelectMany(p => p.Roles)],
            OidcProviders = [.. parts.SelectMany(p => p.OidcProviders)],
            Errors = [.. parts.SelectMany(p => p.Errors)],
            Notes = [.. parts.SelectMany(p => p.Notes)],
            Usage = [.. parts.SelectMany(p => p.Usage)],
        };
    }
}
