using System.Collections.Concurrent;
using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// One inventory run over the ports: discover clusters per account and region, collect clusters with bounded
/// parallelism, fetch every referenced role once, and read each account's OIDC providers once. A failing cluster,
/// region, account or role is recorded as a <see cref="CollectionError"/> and the run goes on (status Partial).
/// Does no I/O itself.
/// </summary>
public sealed class InventoryCollector(IEksApi eks, IIamApi iam, IKubernetesEstate kubernetes, TimeProvider time)
{
    /// <summary>Collects the whole run into memory (tests, the benchmark's micro cases): the snapshot a stored run loads back as.</summary>
    public async Task<InventorySnapshot> CollectAsync(InventoryRequest request, IProgress<InventoryProgress>? progress, CancellationToken ct)
    {
        var assembly = new SnapshotAssembly();
        var run = await CollectAsync(request, progress, assembly, ct);
        return assembly.Assemble(run);
    }

    /// <summary>
    /// Collects the run into <paramref name="sink"/>: each cluster's rows as the cluster finishes (let go at once), each
    /// account's roles once its own clusters are collected and its roles read (<see cref="InventoryPart.RolesPosition"/>),
    /// the run-level rows (the roles only other accounts' clusters asked for, providers, errors, notes) last. Returns
    /// the run without what was handed over by cluster (pods, workloads, ServiceAccounts: the bulk of an estate, read
    /// back from the sink's store by whoever needs them) and without its roles: its clusters, associations, add-ons,
    /// providers, errors and notes, and its status.
    /// Throws <see cref="ClusterSelectionException"/> before anything is begun when --clusters names a cluster not found.
    /// </summary>
    public async Task<InventorySnapshot> CollectAsync(InventoryRequest request, IProgress<InventoryProgress>? progress, IInventoryPartSink sink, CancellationToken ct)
    {
        var startedAt = time.GetUtcNow();
        var tally = new RunTally(progress);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.MaxParallelClusters), CancellationToken = ct };

        var accounts = request.Accounts.Select(a => a.AccountId).Distinct(StringComparer.Ordinal).ToList();
        // Discovery first: the clusters' EKS calls are the run's longest chain, so they start before anything else.
        tally.Phase("discovering clusters");
        var discovery = DiscoverAsync(request, tally, parallel);
        var providersTask = request.ReadAccountLevel
            ? Task.WhenAll(accounts.Select(a => ListProvidersAsync(a, tally, ct)))
            : Task.FromResult(Array.Empty<IReadOnlyList<OidcProviderRecord>>());
        // Without --clusters nothing found in discovery can refuse the run, so it is begun alongside; with it, only once
        // every name is matched ("nothing was stored" otherwise).
        var begun = request.ClusterNames.Count == 0 ? Task.Run(() => sink.BeginAsync(startedAt, ct), ct) : null;
        var clusters = await discovery;
        if (begun is null)
        {
            ClusterSelection.CheckMatched(request, clusters, tally.Errors);
            await sink.BeginAsync(startedAt, ct);
        }
        else
        {
            await begun;
        }

        tally.Phase("collecting clusters", clusters.Count);
        var owners = new Ownership.OwnerDetector(request.Ownership);
        var positions = clusters.Select((c, i) => KeyValuePair.Create(c.Key, i)).ToDictionary(StringComparer.Ordinal);
        RoleRecord WithOwner(RoleRecord r) => r.Exists && r.LookupError is null ? r with { Owner = owners.ForRole(r.Tags) } : r;
        var accountOrdinals = accounts.Order(StringComparer.Ordinal).Select((a, i) => KeyValuePair.Create(a, i)).ToDictionary(StringComparer.Ordinal);
        // Each account's roles go to storage once read: the run holds the roles of the accounts still being collected.
        Task StoreRoles(string accountId, IReadOnlyList<RoleRecord> records) => sink.AppendAsync(
            new InventoryPart(InventoryPart.RolesPosition(clusters.Count, accountOrdinals[accountId]), new InventorySnapshot { Roles = [.. records.Select(WithOwner)] }), ct);
        using var roles = new RoleCatalog(iam, tally, request.MaxParallelRoles, request.AuthorizationDetailsMinRoles, accountOrdinals.Keys.ToHashSet(StringComparer.Ordinal), StoreRoles, ct);
        var collector = new ClusterCollector(eks, kubernetes, tally, request.MaxParallelDescribesPerCluster);
        var kept = new ConcurrentBag<(int Position, ClusterHarvest Harvest)>();
        var clustersLeft = new ConcurrentDictionary<string, int>(
            clusters.GroupBy(c => c.AccountId, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count())), StringComparer.Ordinal);
        try
        {
            await CollectClustersAsync();
        }
        catch (Exception)
        {
            await roles.QuietAsync();
            throw;
        }

        tally.Phase("fetching roles");
        var rest = await roles.RestAsync();
        var providers = (await providersTask).SelectMany(p => p).ToList();

        var ordered = kept.OrderBy(h => h.Position).Select(h => h.Harvest).ToList();
        var errors = tally.Errors
            .OrderBy(e => e.Scope, StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal).ThenBy(e => e.Operation, StringComparer.Ordinal)
            .ToList();
        var notes = tally.Notes.OrderBy(n => n.Scope, StringComparer.Ordinal).ThenBy(n => n.Target, StringComparer.Ordinal).ToList();
        var runLevel = new InventorySnapshot { Roles = [.. rest.Select(WithOwner)], OidcProviders = providers, Errors = errors, Notes = notes };
        await sink.AppendAsync(new InventoryPart(InventoryPart.RunLevel, runLevel), ct);
        tally.Phase("done");
        return runLevel with
        {
            StartedAt = startedAt,
            CompletedAt = time.GetUtcNow(),
            Status = StatusOf(errors, ordered),
            Roles = [],
            Clusters = ordered.Select(h => h.Cluster).ToList(),
            Associations = ordered.SelectMany(h => h.Associations).ToList(),
            Addons = ordered.SelectMany(h => h.Addons).ToList(),
        };

        Task CollectClustersAsync() => Parallel.ForEachAsync(clusters, parallel, async (cluster, token) =>
        {
            var harvest = await collector.CollectAsync(cluster, token);
            // Node roles first: their attached policies must be asked for before their account can be handed over.
            foreach (var nodeRole in harvest.Cluster.NodeRoleArns)
                roles.RequestNodeRole(nodeRole, cluster.AccountId);
            foreach (var arn in harvest.ReferencedRoleArns)
                roles.Request(arn, cluster.AccountId);
            // The account's own clusters are in: what it needs is known, so its roles can be read while the rest go on.
            if (clustersLeft.AddOrUpdate(cluster.AccountId, 0, (_, left) => left - 1) == 0)
                roles.AccountClustersDone(cluster.AccountId);
            harvest = harvest with { ServiceAccounts = [.. harvest.ServiceAccounts.Select(sa => sa with { Owner = owners.ForServiceAccount(sa.Labels, sa.OtherAnnotations) })] };
            var position = positions[cluster.Key];
            await sink.AppendAsync(new InventoryPart(position, new InventorySnapshot
            {
                Clusters = [harvest.Cluster],
                ServiceAccounts = harvest.ServiceAccounts,
                Workloads = harvest.Workloads,
                Pods = harvest.Pods,
                Associations = harvest.Associations,
                Addons = harvest.Addons,
            }), token);
            // Pods, workloads and ServiceAccounts are stored: only the small rest is kept for the run's summary (a
            // 200,000-ServiceAccount run held them all to its end before, ~60 MB).
            kept.Add((position, harvest with { Pods = [], Workloads = [], ServiceAccounts = [] }));
            tally.ClusterDone(cluster.Key);
        });
    }

    /// <summary>Partial when anything failed but some cluster was read; Failed when errors left nothing collected.</summary>
    private static RunStatus StatusOf(IReadOnlyList<CollectionError> errors, IReadOnlyList<ClusterHarvest> clusters) =>
        errors.Count == 0 ? RunStatus.Complete
        : clusters.Any(c => c.Cluster.CollectionError is null) ? RunStatus.Partial
        : RunStatus.Failed;

    private async Task<List<ClusterRef>> DiscoverAsync(InventoryRequest request, RunTally tally, ParallelOptions parallel)
    {
        var wanted = request.ClusterNames.ToHashSet(StringComparer.Ordinal);
        var scopes = request.Accounts
            .SelectMany(a => a.Regions.Distinct(StringComparer.Ordinal).Select(r => new AwsScope(a.AccountId, r)))
            .Distinct()
            .ToList();
        var found = new ConcurrentBag<ClusterRef>();
        await Parallel.ForEachAsync(scopes, parallel, async (scope, token) =>
        {
            try
            {
                var names = await tally.Call(() => eks.ListClustersAsync(scope, token));
                foreach (var name in names)
                {
                    var cluster = new ClusterRef(scope.AccountId, scope.Region, name);
                    if (wanted.Count == 0 || wanted.Contains(name) || wanted.Contains(cluster.Key))
                        found.Add(cluster);
                }
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                tally.Error(new CollectionError("region", $"{scope.AccountId}/{scope.Region}", "ListClusters", RunTally.Describe(e)));
            }
        });
        return found.Distinct().OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<OidcProviderRecord>> ListProvidersAsync(string accountId, RunTally tally, CancellationToken ct)
    {
        try
        {
            var providers = await tally.Call(() => iam.ListOidcProvidersAsync(accountId, ct));
            return providers
                .Select(p => new OidcProviderRecord { AccountId = accountId, Arn = p.Arn, Url = p.Url, ClientIds = p.ClientIds, Thumbprints = p.Thumbprints })
                .OrderBy(p => p.Arn, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            tally.Error(new CollectionError("account", accountId, "ListOpenIDConnectProviders", RunTally.Describe(e)));
            return [];
        }
    }
}
