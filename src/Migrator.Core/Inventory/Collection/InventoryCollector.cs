using System.Collections.Concurrent;
using System.Threading.Channels;
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
        var scopes = ScopesOf(request);
        var owners = new Ownership.OwnerDetector(request.Ownership);
        RoleRecord WithOwner(RoleRecord r) => r.Exists && r.LookupError is null ? r with { Owner = owners.ForRole(r.Tags) } : r;
        var accountOrdinals = accounts.Order(StringComparer.Ordinal).Select((a, i) => KeyValuePair.Create(a, i)).ToDictionary(StringComparer.Ordinal);

        // Clusters are collected as their region is listed: the clusters' EKS calls are the run's longest chain, so they
        // start before anything else and do not wait for the slowest region. Without --clusters nothing found in discovery
        // can refuse the run, so it is begun alongside; with it, nothing is collected or begun until every name is matched
        // ("nothing was stored" otherwise).
        var streaming = request.ClusterNames.Count == 0;
        var found = Channel.CreateUnbounded<ClusterRef>();
        var listed = new ConcurrentQueue<(string AccountId, int Clusters)>();
        // Where each cluster's rows go (its ordinal among the run's clusters in key order) is known once discovery is
        // complete and the run begun (PlaceAsync): a cluster collected before then waits for it to hand its rows over.
        Task<(List<ClusterRef> Clusters, Dictionary<string, int> Positions)>? placed = null;
        // Each account's roles go to storage once read: the run holds the roles of the accounts still being collected.
        async Task StoreRoles(string accountId, IReadOnlyList<RoleRecord> records)
        {
            var (clusters, _) = await placed!;
            await sink.AppendAsync(
                new InventoryPart(InventoryPart.RolesPosition(clusters.Count, accountOrdinals[accountId]), new InventorySnapshot { Roles = [.. records.Select(WithOwner)] }), ct);
        }
        using var catalog = new RoleCatalog(iam, tally, request.MaxParallelRoles, request.AuthorizationDetailsMinRoles, accountOrdinals.Keys.ToHashSet(StringComparer.Ordinal), StoreRoles, ct);
        // The account's own clusters are in: what it needs is known, so its roles can be read while the rest go on.
        var countdown = new AccountCountdown(catalog.AccountClustersDone);
        foreach (var account in accounts)
            countdown.Start(account, scopes.Count(s => s.AccountId == account));
        void Listed(AwsScope scope, IReadOnlyList<ClusterRef> clusters)
        {
            if (!streaming)
            {
                listed.Enqueue((scope.AccountId, clusters.Count));
                return;
            }
            tally.ClustersFound(clusters.Count);
            countdown.RegionListed(scope.AccountId, clusters.Count);
            foreach (var cluster in clusters)
                found.Writer.TryWrite(cluster);
        }

        tally.Phase("discovering clusters");
        var discovery = DiscoverAsync(request, scopes, tally, parallel, Listed);
        var providersTask = request.ReadAccountLevel
            ? Task.WhenAll(accounts.Select(a => ListProvidersAsync(a, tally, ct)))
            : Task.FromResult(Array.Empty<IReadOnlyList<OidcProviderRecord>>());
        placed = PlaceAsync();
        var collector = new ClusterCollector(eks, kubernetes, tally, request.MaxParallelDescribesPerCluster);
        var kept = new ConcurrentBag<(int Position, ClusterHarvest Harvest)>();
        try
        {
            await CollectClustersAsync();
        }
        catch (Exception)
        {
            await catalog.QuietAsync();
            await Task.WhenAll(discovery, placed).ContinueWith(_ => { }, TaskScheduler.Default);  // observed, not rethrown
            throw;
        }

        tally.Phase("fetching roles");
        var rest = await catalog.RestAsync();
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

        async Task<(List<ClusterRef> Clusters, Dictionary<string, int> Positions)> PlaceAsync()
        {
            var begun = streaming ? Task.Run(() => sink.BeginAsync(startedAt, ct), ct) : null;
            List<ClusterRef> clusters;
            try
            {
                clusters = await discovery;
                if (begun is null)
                {
                    ClusterSelection.CheckMatched(request, clusters, tally.Errors);
                    await sink.BeginAsync(startedAt, ct);
                    foreach (var (accountId, count) in listed)
                        countdown.RegionListed(accountId, count);
                    foreach (var cluster in clusters)
                        found.Writer.TryWrite(cluster);
                }
                else
                {
                    await begun;
                }
            }
            finally
            {
                found.Writer.TryComplete();
            }

            tally.Phase("collecting clusters", clusters.Count);
            return (clusters, clusters.Select((c, i) => KeyValuePair.Create(c.Key, i)).ToDictionary(StringComparer.Ordinal));
        }

        async Task CollectClustersAsync()
        {
            await Parallel.ForEachAsync(found.Reader.ReadAllAsync(ct), parallel, async (cluster, token) =>
            {
                var harvest = await collector.CollectAsync(cluster, token);
                // Node roles first: their attached policies must be asked for before their account can be handed over.
                foreach (var nodeRole in harvest.Cluster.NodeRoleArns)
                    catalog.RequestNodeRole(nodeRole, cluster.AccountId);
                foreach (var arn in harvest.ReferencedRoleArns)
                    catalog.Request(arn, cluster.AccountId);
                countdown.ClusterCollected(cluster.AccountId);
                harvest = harvest with { ServiceAccounts = [.. harvest.ServiceAccounts.Select(sa => sa with { Owner = owners.ForServiceAccount(sa.Labels, sa.OtherAnnotations) })] };
                var position = (await placed).Positions[cluster.Key];
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
            // A failed discovery or begin (the selection matching nothing, storage refusing the run) ends the run here.
            await placed;
        }
    }

    /// <summary>Partial when anything failed but some cluster was read; Failed when errors left nothing collected.</summary>
    private static RunStatus StatusOf(IReadOnlyList<CollectionError> errors, IReadOnlyList<ClusterHarvest> clusters) =>
        errors.Count == 0 ? RunStatus.Complete
        : clusters.Any(c => c.Cluster.CollectionError is null) ? RunStatus.Partial
        : RunStatus.Failed;

    private static List<AwsScope> ScopesOf(InventoryRequest request) => request.Accounts
        .SelectMany(a => a.Regions.Distinct(StringComparer.Ordinal).Select(r => new AwsScope(a.AccountId, r)))
        .Distinct()
        .ToList();

    /// <summary>
    /// Lists every region's clusters; <paramref name="listed"/> hears each region's matching clusters (sorted by name) as
    /// its list arrives, or none when it failed. Returns every cluster found, in key order.
    /// </summary>
    private async Task<List<ClusterRef>> DiscoverAsync(
        InventoryRequest request, IReadOnlyList<AwsScope> scopes, RunTally tally, ParallelOptions parallel, Action<AwsScope, IReadOnlyList<ClusterRef>> listed)
    {
        var wanted = request.ClusterNames.ToHashSet(StringComparer.Ordinal);
        var found = new ConcurrentBag<ClusterRef>();
        await Parallel.ForEachAsync(scopes, parallel, async (scope, token) =>
        {
            List<ClusterRef> matching = [];
            try
            {
                var names = await tally.Call(() => eks.ListClustersAsync(scope, token));
                matching = names
                    .Distinct(StringComparer.Ordinal)
                    .Select(name => new ClusterRef(scope.AccountId, scope.Region, name))
                    .Where(cluster => wanted.Count == 0 || wanted.Contains(cluster.Name) || wanted.Contains(cluster.Key))
                    .OrderBy(c => c.Key, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                tally.Error(new CollectionError("region", $"{scope.AccountId}/{scope.Region}", "ListClusters", RunTally.Describe(e)));
            }
            foreach (var cluster in matching)
                found.Add(cluster);
            listed(scope, matching);
        });
        return found.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
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
