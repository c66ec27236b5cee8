using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Collects one cluster: EKS facts (description, add-ons, node groups, Fargate profiles, associations with their
/// roleArn) then the Kubernetes objects through a session. Any failure fails the whole cluster, so a stored cluster
/// is either complete or marked with its error (drift must not mistake a half-read cluster for removals).
/// </summary>
internal sealed class ClusterCollector(IEksApi eks, IKubernetesEstate kubernetes, RunTally tally, int maxParallelDescribes)
{
    private const string AgentAddon = "eks-pod-identity-agent";
    private const string EksAnnotationPrefix = "eks.amazonaws.com/";

    public async Task<ClusterHarvest> CollectAsync(ClusterRef cluster, CancellationToken ct)
    {
        var scope = new AwsScope(cluster.AccountId, cluster.Region);
        var operation = "DescribeCluster";
        ClusterDescription? description = null;
        try
        {
            description = await tally.Call(() => eks.DescribeClusterAsync(scope, cluster.Name, ct));

            operation = "ListAddons";
            var addonNames = await tally.Call(() => eks.ListAddonsAsync(scope, cluster.Name, ct));
            operation = "DescribeAddon";
            var addons = new List<AddonDescription>();
            foreach (var name in addonNames)
            {
                if (await tally.Call(() => eks.DescribeAddonAsync(scope, cluster.Name, name, ct)) is { } addon)
                    addons.Add(addon);
            }

            operation = "ListNodegroups";
            var nodegroups = await tally.Call(() => eks.ListNodegroupsAsync(scope, cluster.Name, ct));
            operation = "ListFargateProfiles";
            var fargate = await tally.Call(() => eks.ListFargateProfilesAsync(scope, cluster.Name, ct));

            operation = "ListPodIdentityAssociations";
            var summaries = await tally.Call(() => eks.ListPodIdentityAssociationsAsync(scope, cluster.Name, null, null, ct));
            operation = "DescribePodIdentityAssociation";
            var associations = await DescribeAssociationsAsync(cluster, scope, summaries, addons, ct);

            operation = "ConnectKubernetes";
            await using var session = await kubernetes.ConnectAsync(cluster, description, ct);
            operation = "ListNodes";
            var nodes = await tally.Call(() => session.ListNodesAsync(ct));
            operation = "ListServiceAccounts";
            var serviceAccounts = await tally.Call(() => session.ListServiceAccountsAsync(ct));
            operation = "ListWorkloadsAndPods";
            var (workloads, pods) = await tally.Call(() => session.ListWorkloadsAndPodsAsync(ct));

            var addonRecords = addons.Select(a => ToRecord(cluster, a, associations)).ToList();
            var placements = nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => NodePlacement.Of(g.First()), StringComparer.Ordinal);
            var agent = addons.FirstOrDefault(a => a.Name == AgentAddon);
            return new ClusterHarvest
            {
                Cluster = Describe(cluster, description) with
                {
                    PodIdentityAgentStatus = agent?.Status,
                    PodIdentityAgentVersion = agent?.Version,
                    AssociationCount = associations.Count,
                    NodeCounts = nodes.GroupBy(NodePlacement.Of).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                    NodeRoleArns = nodegroups.Select(n => n.NodeRoleArn).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    FargateProfiles = fargate.Select(f => f.Name).Order(StringComparer.Ordinal).ToList(),
                },
                ServiceAccounts = RelevantServiceAccounts(cluster, serviceAccounts, associations, addonRecords),
                Workloads = workloads.Select(w => w with { Cluster = cluster }).ToList(),
                Pods = pods.Select(p => p with
                {
                    Cluster = cluster,
                    Placement = p.NodeName is not null && placements.TryGetValue(p.NodeName, out var placement) ? placement : p.Placement,
                }).ToList(),
                Associations = associations,
                Addons = addonRecords,
            };
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var message = RunTally.Describe(e);
            tally.Error(new CollectionError("cluster", cluster.Key, operation, message));
            var row = description is null ? new ClusterInventory { Ref = cluster } : Describe(cluster, description);
            return new ClusterHarvest { Cluster = row with { CollectionError = $"{operation}: {message}" } };
        }
    }

    private async Task<List<AssociationRecord>> DescribeAssociationsAsync(
        ClusterRef cluster, AwsScope scope, IReadOnlyList<AssociationSummary> summaries, IReadOnlyList<AddonDescription> addons, CancellationToken ct)
    {
        // An add-on lists the associations it owns; older API answers may lack ownerArn on the association itself.
        var ownerByArn = addons
            .SelectMany(a => a.PodIdentityAssociationArns.Select(arn => (arn, owner: a.Arn)))
            .GroupBy(p => p.arn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().owner, StringComparer.Ordinal);
        var records = new AssociationRecord[summaries.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, summaries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelDescribes), CancellationToken = ct },
            async (i, token) =>
            {
                var summary = summaries[i];
                var d = await tally.Call(() => eks.DescribePodIdentityAssociationAsync(scope, cluster.Name, summary.AssociationId, token));
                var arn = d.AssociationArn.Length > 0 ? d.AssociationArn : summary.AssociationArn;
                records[i] = new AssociationRecord
                {
                    Cluster = cluster,
                    AssociationId = d.AssociationId,
                    AssociationArn = arn,
                    Namespace = d.Namespace,
                    ServiceAccount = d.ServiceAccount,
                    RoleArn = d.RoleArn,
                    TargetRoleArn = d.TargetRoleArn,
                    DisableSessionTags = d.DisableSessionTags,
                    OwnerArn = d.OwnerArn ?? summary.OwnerArn ?? ownerByArn.GetValueOrDefault(arn),
                    CreatedAt = d.CreatedAt,
                };
            });
        return [.. records.OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.ServiceAccount, StringComparer.Ordinal).ThenBy(a => a.AssociationId, StringComparer.Ordinal)];
    }

    private static ClusterInventory Describe(ClusterRef cluster, ClusterDescription d) => new()
    {
        Ref = cluster,
        KubernetesVersion = d.Version,
        PlatformVersion = d.PlatformVersion,
        OidcIssuer = d.OidcIssuer,
        AutoMode = d.AutoMode,
        Endpoint = d.Endpoint,
    };

    private static AddonRecord ToRecord(ClusterRef cluster, AddonDescription addon, IReadOnlyList<AssociationRecord> associations)
    {
        var owned = associations
            .Where(a => (a.OwnerArn is not null && a.OwnerArn == addon.Arn) || addon.PodIdentityAssociationArns.Contains(a.AssociationArn))
            .ToList();
        return new AddonRecord
        {
            Cluster = cluster,
            Name = addon.Name,
            Version = addon.Version,
            Status = addon.Status,
            ServiceAccountRoleArn = addon.ServiceAccountRoleArn,
            PodIdentityAssociationArns = addon.PodIdentityAssociationArns.Union(owned.Select(a => a.AssociationArn), StringComparer.Ordinal).ToList(),
            OwnedServiceAccounts = AddonServiceAccounts.For(addon.Name)
                .Union(owned.Select(a => $"{a.Namespace}/{a.ServiceAccount}"), StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// ServiceAccounts that matter to the migration: those with eks.amazonaws.com/* annotations (kept raw, even when
    /// malformed), those named by an association, and those an add-on owns. Only the eks.amazonaws.com/* annotations are kept.
    /// </summary>
    private static List<ServiceAccountRecord> RelevantServiceAccounts(
        ClusterRef cluster, IReadOnlyList<ServiceAccountRecord> all, IReadOnlyList<AssociationRecord> associations, IReadOnlyList<AddonRecord> addons)
    {
        var named = associations.Select(a => $"{a.Namespace}/{a.ServiceAccount}")
            .Concat(addons.SelectMany(a => a.OwnedServiceAccounts))
            .ToHashSet(StringComparer.Ordinal);
        return all
            .Select(sa => sa with
            {
                Cluster = cluster,
                Annotations = sa.Annotations
                    .Where(a => a.Key.StartsWith(EksAnnotationPrefix, StringComparison.Ordinal))
                    .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
            })
            .Where(sa => sa.Annotations.Count > 0 || named.Contains($"{sa.Namespace}/{sa.Name}"))
            .OrderBy(sa => sa.Namespace, StringComparer.Ordinal).ThenBy(sa => sa.Name, StringComparer.Ordinal)
            .ToList();
    }
}
