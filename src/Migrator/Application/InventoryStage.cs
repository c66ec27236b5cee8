using Microsoft.Extensions.Options;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>One inventory run: collect through the ports, store as a new snapshot. Used by `inventory`, `run` and the worker.</summary>
public sealed class InventoryStage(
    IEksApi eks,
    IIamApi iam,
    IKubernetesEstate kubernetes,
    IInventoryStore store,
    IAccountScopes accounts,
    IOptions<InventoryOptions> options,
    IOptions<Migrator.Core.Ownership.OwnershipSettings> owners,
    TimeProvider time)
{
    /// <summary>The configured accounts the selection names (all of them when it names none).</summary>
    public IReadOnlyList<AccountScope> Accounts(InventorySelection selection)
    {
        var configured = accounts.GetScopes();
        if (configured.Count == 0)
            throw new StageInputException("no AWS accounts are configured: add Aws:Accounts entries ({Id, RoleArn, Regions}) to appsettings.json, or pass --sandbox.");
        if (selection.Accounts.Count == 0) return configured;
        var unknown = selection.Accounts.Where(w => configured.All(c => c.AccountId != w)).ToList();
        if (unknown.Count > 0)
            throw new StageInputException($"--accounts names {string.Join(", ", unknown)}, not configured under Aws:Accounts (configured: {string.Join(", ", configured.Select(c => c.AccountId))}).");
        return [.. configured.Where(c => selection.Accounts.Contains(c.AccountId))];
    }

    /// <summary>Collects and stores; the outcome's snapshot carries its new run id.</summary>
    public async Task<InventoryOutcome> RunAsync(InventorySelection selection, IProgress<InventoryProgress>? progress, CancellationToken ct)
    {
        var request = new InventoryRequest
        {
            Accounts = Accounts(selection),
            ClusterNames = selection.Clusters,
            MaxParallelClusters = selection.MaxParallelClusters ?? options.Value.MaxParallelClusters,
            Ownership = owners.Value,
        };
        var started = time.GetTimestamp();
        var snapshot = await new InventoryCollector(eks, iam, kubernetes, time).CollectAsync(request, progress, ct);
        var runId = await store.SaveSnapshotAsync(snapshot, ct);
        return new InventoryOutcome(snapshot with { RunId = runId }, time.GetElapsedTime(started));
    }
}
