using System.Globalization;
using Microsoft.Extensions.Configuration;
using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;
using Migrator.Verbs.Inventory;

namespace Migrator.Pipeline;

/// <summary>One inventory run: collect through the ports, store as a new snapshot. Shared by `inventory`, `run` and the worker.</summary>
public sealed class InventoryStage(IEksApi eks, IIamApi iam, IKubernetesEstate kubernetes, IInventoryStore store, IConfiguration configuration, TimeProvider time)
{
    /// <summary>Inventory:MaxParallelClusters (default 8), checked.</summary>
    public int ConfiguredParallelism()
    {
        var raw = configuration["Inventory:MaxParallelClusters"];
        if (raw is null) return 8;
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256
            ? n
            : throw new InvalidInputException($"Inventory:MaxParallelClusters must be a whole number from 1 to 256; got '{raw}'.");
    }

    /// <summary>Collects and stores; the returned snapshot carries its new run id.</summary>
    public async Task<InventorySnapshot> RunAsync(InventoryRequest request, IProgress<InventoryProgress>? progress, CancellationToken ct)
    {
        var snapshot = await new InventoryCollector(eks, iam, kubernetes, time).CollectAsync(request, progress, ct);
        var runId = await StateFile.Use(() => store.SaveSnapshotAsync(snapshot, ct));
        return snapshot with { RunId = runId };
    }
}
