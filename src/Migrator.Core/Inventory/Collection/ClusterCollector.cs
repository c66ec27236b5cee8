using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Collects one cluster: EKS facts (description, add-ons, node groups, Fargate profiles, associations with their
/// roleArn) and the Kubernetes objects through a session. Once the description is in (the session needs its endpoint),
/// the EKS chains and the Kubernetes reads run side by side, so a cluster costs its longest chain rather than the sum
/// of its calls. Any failure fails the whole cluster (and stops its other calls), so a stored cluster is either
/// complete or marked with its first failing operation (drift must not mistake a half-read cluster for removals).
/// </summary>
internal sealed class ClusterCollector(IEksApi eks, IKubernetesEstate kubernetes, RunTally tally, int maxParallelDescribes)
{
    private const string AgentAddon = "eks-pod-identity-agent";
    private const string EksAnnotationPrefix = "eks.amazonaws.com/";

    public async Task<ClusterHarvest> CollectAsync(ClusterRef cluster, CancellationToken ct)
    {
        var scope = new AwsScope(cluster.AccountId, cluster.Region);
        ClusterDescription? description = null;
        using var steps = new ClusterSteps(tally, ct);
        try
        {
            description = await steps.Run("DescribeCluster", t => eks.DescribeClusterAsync(scope, cluster.Name, t));

            var addonsTask = DescribeAddonsAsync(scope, cluster, steps);
            var nodegroupsTask = steps.Run("ListNodegroups", t => eks.ListNodegroupsAsync(scope, cluster.Name, t));
            var fargateTask = steps.Run("ListFargateProfiles", t => eks.ListFargateProfilesAsync(scope, cluster.Name, t));
            var associationsTask = DescribeAssociationsAsync(scope, cluster, steps);
            var kubernetesTask = ReadKubernetesAsync(cluster, description, steps);
            await Task.WhenAll(addonsTask, nodegroupsTask, fargateTask, associationsTask, kubernetesTask);

            var addons = addonsTask.Result;
            var associations = Associations(cluster, associationsTask.Result, addons);
            var (nodes, serviceAccounts, workloads, pods) = kubernetesTask.Result;
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
                    NodeRoleArns = nodegroupsTask.Result.Select(n => n.NodeRoleArn).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    FargateProfiles = fargateTask.Result.Select(f => f.Name).Order(StringComparer.Ordinal).ToList(),
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
            // The first failing step, not the cancellations it caused in the others.
            var (operation, error) = steps.First is { } first ? (first.Operation, first.Error) : ("ReadCluster", e);
            var message = RunTally.Describe(error);
            tally.Error(new CollectionError("cluster", cluster.Key, operation, message));
            var row = description is null ? new ClusterInventory { Ref = cluster } : Describe(cluster, description);
            return new ClusterHarvest { Cluster = row with { CollectionError = $"{operation}: {message}" } };
        }
    }

    private async Task<List<AddonDescription>> DescribeAddonsAsync(AwsScope scope, ClusterRef cluster, ClusterSteps steps)
    {
        var names = await steps.Run("ListAddons", t => eks.ListAddonsAsync(scope, cluster.Name, t));
        var described = await EachAsync(names, steps, name => steps.Run("DescribeAddon", t => eks.DescribeAddonAsync(scope, cluster.Name, name, t)));
        return described.OfType<AddonDescription>().ToList();
    }

    private async Task<(AssociationSummary Summary, AssociationDescription Description)[]> DescribeAssociationsAsync(AwsScope scope, ClusterRef cluster, ClusterSteps steps)
    {
        // The list summary has no roleArn: each association is described.
        var summaries = await steps.Run("ListPodIdentityAssociations", t => eks.ListPodIdentityAssociationsAsync(scope, cluster.Name, null, null, t));
        return await EachAsync(summaries, steps, async summary =>
            (summary, await steps.Run("DescribePodIdentityAssociation", t => eks.DescribePodIdentityAssociationAsync(scope, cluster.Name, summary.AssociationId, t))));
    }

    private async Task<(IReadOnlyList<NodeRecord> Nodes, IReadOnlyList<ServiceAccountRecord> ServiceAccounts, IReadOnlyList<WorkloadRecord> Workloads, IReadOnlyList<PodRecord> Pods)> ReadKubernetesAsync(
        ClusterRef cluster, ClusterDescription description, ClusterSteps steps)
    {
        await using var session = await steps.Uncounted("ConnectKubernetes", t => kubernetes.ConnectAsync(cluster, description, t));
        var nodes = await steps.Run("ListNodes", session.ListNodesAsync);
        var serviceAccounts = await steps.Run("ListServiceAccounts", session.ListServiceAccountsAsync);
        var (workloads, pods) = await steps.Run("ListWorkloadsAndPods", session.ListWorkloadsAndPodsAsync);
        return (nodes, serviceAccounts, workloads, pods);
    }

    /// <summary>One describe per item, at most <c>maxParallelDescribes</c> in flight for this cluster; results in item order.</summary>
    private async Task<TOut[]> EachAsync<TIn, TOut>(IReadOnlyList<TIn> items, ClusterSteps steps, Func<TIn, Task<TOut>> describe)
    {
        var results = new TOut[items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelDescribes), CancellationToken = steps.Token },
            async (i, _) => results[i] = await describe(items[i]));
        return results;
    }

    private static List<AssociationRecord> Associations(
        ClusterRef cluster, IReadOnlyList<(AssociationSummary Summary, AssociationDescription Description)> described, IReadOnlyList<AddonDescription> addons)
    {
        // An add-on lists the associations it owns; older API answers may lack ownerArn on the association itself.
        var ownerByArn = addons
            .SelectMany(a => a.PodIdentityAssociationArns.Select(arn => (arn, owner: a.Arn)))
            .GroupBy(p => p.arn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().owner, StringComparer.Ordinal);
        return described
            .Select(x =>
            {
                var (summary, d) = x;
                var arn = d.AssociationArn.Length > 0 ? d.AssociationArn : summary.AssociationArn;
                return new AssociationRecord
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
            })
            .OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.ServiceAccount, StringComparer.Ordinal).ThenBy(a => a.AssociationId, StringComparer.Ordinal)
            .ToList();
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
