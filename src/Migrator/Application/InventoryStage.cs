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
    TimeProvider time,
    ICredentialUseEvents evidence,
    IOptions<Core.Evidence.EvidenceSettings> evidenceSettings)
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

    /// <summary>
    /// Every --clusters name must match a cluster: a typo would otherwise store a run of nothing, which drift would
    /// read as every cluster removed. Not checked when a region could not be listed (the cluster may be there).
    /// </summary>
    private static void CheckClusterNamesMatched(InventorySelection selection, IReadOnlyList<AccountScope> accounts, InventorySnapshot snapshot)
    {
        if (selection.Clusters.Count == 0 || snapshot.Errors.Any(e => e.Scope == "region"))
            return;
        var unmatched = selection.Clusters
            .Where(name => !snapshot.Clusters.Any(c => c.Ref.Name == name || c.Ref.Key == name))
            .ToList();
        if (unmatched.Count == 0)
            return;
        var searched = string.Join(", ", accounts.Select(a => $"{a.AccountId} ({string.Join(", ", a.Regions)})"));
        var found = snapshot.Clusters.Count == 0 ? "none matched" : $"matched: {string.Join(", ", snapshot.Clusters.Select(c => c.Ref.Key))}";
        throw new StageInputException(
            $"--clusters {string.Join(",", unmatched)} matched no cluster in {searched} ({found}); nothing was stored. " +
            "Name clusters as NAME or ACCOUNT/REGION/NAME ('migrator runs show' lists those of the last run).");
    }

    /// <summary>Collects and stores; the outcome's snapshot carries its new run id.</summary>
    public async Task<InventoryOutcome> RunAsync(InventorySelection selection, IProgress<InventoryProgress>? progress, CancellationToken ct)
    {
        var request = new InventoryRequest
        {
            Accounts = Accounts(selection),
            ClusterNames = selection.Clusters,
            MaxParallelClusters = selection.MaxParallelClusters ?? options.Value.MaxParallelClusters,
            AuthorizationDetailsMinRoles = options.Value.AuthorizationDetailsMinRoles,
            Ownership = owners.Value,
        };
        var started = time.GetTimestamp();
        var snapshot = await new InventoryCollector(eks, iam, kubernetes, time).CollectAsync(request, progress, ct);
        CheckClusterNamesMatched(selection, request.Accounts, snapshot);
        snapshot = snapshot with { Filter = selection.Filter };
        // Evidence of use (CloudTrail): one paced sweep per account, region and kind for the whole run.
        if (evidenceSettings.Value.Enabled)
            snapshot = snapshot with { Usage = await new Core.Evidence.UsageEvidenceCollector(evidence, time).CollectAsync(snapshot, evidenceSettings.Value.LookbackWindow, ct) };
        var runId = await store.SaveSnapshotAsync(snapshot, ct);
        return new InventoryOutcome(snapshot with { RunId = runId }, time.GetElapsedTime(started));
    }
}
