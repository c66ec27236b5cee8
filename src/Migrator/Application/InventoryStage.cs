using Microsoft.Extensions.Options;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// One inventory run: collect through the ports, storing each cluster as it finishes (the tool holds one cluster's pods
/// and workloads at a time, not the estate's). Used by `inventory`, `run` and the worker; the sharded worker inventory
/// (<see cref="ShardedInventory"/>) collects its shards with the same request and collector.
/// </summary>
public sealed class InventoryStage(
    IEksApi eks,
    IIamApi iam,
    IKubernetesEstate kubernetes,
    IInventoryRunWriter writer,
    IAccountScopes accounts,
    IOptions<InventoryOptions> options,
    IOptions<Migrator.Core.Ownership.OwnershipSettings> owners,
    TimeProvider time,
    ICredentialUseEvents evidence,
    IOptions<Core.Evidence.EvidenceSettings> evidenceSettings,
    IInventoryStore stored)
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

    /// <summary>How a run over <paramref name="accounts"/> collects, from the Inventory and Ownership settings.</summary>
    public InventoryRequest Request(IReadOnlyList<AccountScope> accounts, InventorySelection selection) => new()
    {
        Accounts = accounts,
        ClusterNames = selection.Clusters,
        MaxParallelClusters = selection.MaxParallelClusters ?? options.Value.MaxParallelClusters,
        AuthorizationDetailsMinRoles = options.Value.AuthorizationDetailsMinRoles,
        Ownership = owners.Value,
    };

    /// <summary>A collector over the ports.</summary>
    public InventoryCollector Collector() => new(eks, iam, kubernetes, time);

    /// <summary>
    /// The credential uses of a collected run's identities (none when evidence is off), each CloudTrail sweep within
    /// Evidence:MaxPagesPerSweep; <paramref name="progress"/> hears of the sweeps after the clusters.
    /// </summary>
    public async Task<Core.Evidence.UsageEvidence> UsageAsync(InventorySnapshot collected, IProgress<InventoryProgress>? progress, CancellationToken ct)
    {
        var settings = evidenceSettings.Value;
        if (!settings.Enabled)
            return new Core.Evidence.UsageEvidence([], []);
        var sweeps = progress is null ? null : new SweepProgress(progress);
        return await new Core.Evidence.UsageEvidenceCollector(evidence, time).CollectAsync(collected, settings.LookbackWindow, settings.MaxPagesPerSweep, sweeps, ct);
    }

    /// <summary>The stored run's IRSA ServiceAccounts, as identities need them (key and annotated role).</summary>
    private async Task<IReadOnlyList<ServiceAccountRecord>> IrsaServiceAccountsAsync(long runId, CancellationToken ct)
    {
        var annotations = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var records = new List<ServiceAccountRecord>();
        await foreach (var sa in stored.StreamIrsaServiceAccountsAsync(runId, ct))
        {
            if (!annotations.TryGetValue(sa.RoleArn, out var map))
                annotations[sa.RoleArn] = map = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = sa.RoleArn };
            records.Add(new ServiceAccountRecord { Cluster = sa.Key.Cluster, Namespace = sa.Key.Namespace, Name = sa.Key.ServiceAccount, Annotations = map, Owner = sa.Owner });
        }
        return records;
    }

    /// <summary>
    /// Collects and stores cluster by cluster (the run is Running until it completes, and Interrupted if collecting
    /// stops half-way); the outcome carries the stored run's summary and the run without pods and workloads.
    /// </summary>
    public async Task<InventoryOutcome> RunAsync(InventorySelection selection, IProgress<InventoryProgress>? progress, CancellationToken ct)
    {
        var request = Request(Accounts(selection), selection);
        var started = time.GetTimestamp();
        using var sink = new StoredRunSink(writer, selection.Filter);
        try
        {
            var collected = await Collector().CollectAsync(request, progress, sink, ct);
            var runId = sink.RunId!.Value;
            // Evidence of use (CloudTrail): one paced sweep per account, region and kind for the whole run, for the
            // identities the run stored (the collection kept none of its ServiceAccounts).
            var (usage, notes) = evidenceSettings.Value.Enabled
                ? await UsageAsync(collected with { ServiceAccounts = await IrsaServiceAccountsAsync(runId, ct) }, progress, ct)
                : new Core.Evidence.UsageEvidence([], []);
            if (usage.Count > 0 || notes.Count > 0)
                await writer.AppendAsync(runId, new InventoryPart(InventoryPart.RunLevel, new InventorySnapshot { Usage = usage, Notes = notes }), ct);
            var summary = await writer.CompleteRunAsync(runId, time.GetUtcNow(), ct);
            var snapshot = collected with { RunId = runId, Status = summary.Status, CompletedAt = summary.CompletedAt, Filter = selection.Filter, Usage = usage, Notes = [.. collected.Notes, .. notes] };
            return new InventoryOutcome(snapshot, summary, time.GetElapsedTime(started));
        }
        catch (ClusterSelectionException e)
        {
            throw new StageInputException(e.Message);
        }
        catch when (sink.RunId is { } begun)
        {
            try
            {
                await writer.InterruptRunAsync(begun, time.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception)
            {
                // The collection's own error is the one to report; a run left Running is skipped by readers just the same.
            }
            throw;
        }
    }

    /// <summary>The CloudTrail sweeps told as the inventory's last phase, on the reporting thread (in order).</summary>
    private sealed class SweepProgress(IProgress<InventoryProgress> inventory) : IProgress<Core.Evidence.EvidenceProgress>
    {
        public void Report(Core.Evidence.EvidenceProgress value) =>
            inventory.Report(new InventoryProgress("reading CloudTrail", value.SweepsDone, value.Sweeps, value.Pages, 0, Unit: "sweeps"));
    }
}
