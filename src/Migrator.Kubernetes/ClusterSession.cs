using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Kubernetes.Mapping;

namespace Migrator.Kubernetes;

/// <summary>One cluster reached through KubernetesClient. Every list pages with limit/continue.</summary>
public sealed class ClusterSession(ClusterRef cluster, IKubernetes client, int pageSize, IDisposable? owned = null) : IClusterSession
{
    private const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";
    // The nodes' labels by node name (all placement and the node records need), read once per session.
    private Dictionary<string, IDictionary<string, string>>? nodes;

    public ClusterRef Cluster => cluster;

    /// <summary>The underlying client, for callers that need an API this session does not wrap.</summary>
    public IKubernetes Client => client;

    public async Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken ct)
    {
        var all = await LoadNodesAsync(ct);
        return all.Select(n =>
        {
            var labels = n.Value;
            return new NodeRecord(
                n.Key,
                labels.TryGetValue(AwsCredentialEnv.OsLabel, out var os) ? os : "",
                labels.TryGetValue(AwsCredentialEnv.ComputeTypeLabel, out var compute) ? compute : null,
                new Dictionary<string, string>(labels, StringComparer.Ordinal));
        }).ToList();
    }

    public async Task<IReadOnlyList<ServiceAccountRecord>> ListServiceAccountsAsync(CancellationToken ct)
    {
        var items = await Paged<V1ServiceAccount>(async (c, t) =>
        {
            var list = await client.CoreV1.ListServiceAccountForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t);
            return (list.Items, list.Metadata?.ContinueProperty);
        }, ct);
        return items.Select(sa => ResourceMapper.ToRecord(cluster, sa)).ToList();
    }

    public async Task<ServiceAccountRecord?> GetServiceAccountAsync(string @namespace, string name, CancellationToken ct)
    {
        try
        {
            var sa = await client.CoreV1.ReadNamespacedServiceAccountAsync(name, @namespace, cancellationToken: ct);
            return ResourceMapper.ToRecord(cluster, sa);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ServiceAccountRecord> PatchServiceAccountAnnotationsAsync(
        string @namespace, string name, IReadOnlyDictionary<string, string?> annotations, CancellationToken ct)
    {
        // JSON merge patch (RFC 7386): a null value deletes the key, the other annotations stay as they are.
        var body = JsonSerializer.Serialize(new { metadata = new { annotations } });
        var sa = await client.CoreV1.PatchNamespacedServiceAccountAsync(
            new V1Patch(body, V1Patch.PatchType.MergePatch), name, @namespace, cancellationToken: ct);
        return ResourceMapper.ToRecord(cluster, sa);
    }

    public async Task<IReadOnlyList<WorkloadRecord>> ListWorkloadsAsync(CancellationToken ct) =>
        await ListWorkloadsAsync(await ListJobsAsync(null, ct), await ListedPodsAsync(null, null, ct), ct);

    public async Task<IReadOnlyList<PodRecord>> ListPodsAsync(string? @namespace, string? serviceAccountName, CancellationToken ct)
    {
        var pods = await ListedPodsAsync(@namespace, serviceAccountName, ct);
        return await ToPodRecordsAsync(pods, await OwnerResolver.CreateAsync(this, ControllerKinds(pods), @namespace, ct), ct);
    }

    /// <summary>One listing of pods and one of Jobs serve both the workloads (bare pods, Jobs) and the pods' owners.</summary>
    public async Task<WorkloadsAndPods> ListWorkloadsAndPodsAsync(CancellationToken ct)
    {
        var pods = await ListedPodsAsync(null, null, ct);
        var jobs = await ListJobsAsync(null, ct);
        var workloads = await ListWorkloadsAsync(jobs, pods, ct);
        var owners = await OwnerResolver.CreateAsync(this, ControllerKinds(pods), @namespace: null, ct, jobs);
        return new WorkloadsAndPods(workloads, await ToPodRecordsAsync(pods, owners, ct));
    }

    /// <summary>
    /// A pod as listed: its record (placement and owner still to resolve), its controller, and, for a pod no controller
    /// owns, the workload it is. Each page's API objects are mapped as the page arrives and let go: a cluster's
    /// pods are never all held as the API's objects (specs, statuses, managed fields) while the cluster is read.
    /// </summary>
    private sealed record ListedPod(PodRecord Record, Controller? Controller, WorkloadRecord? Bare);

    /// <summary>A Job as listed: its controller (a CronJob, for a run) and the workload it is.</summary>
    internal sealed record ListedJob(string Namespace, string Name, Controller? Controller, WorkloadRecord Workload);

    /// <summary>A ReplicaSet as listed: only its controller (a Deployment, usually) is needed.</summary>
    internal sealed record ListedReplicaSet(string Namespace, string Name, Controller? Controller);

    private static HashSet<string> ControllerKinds(IEnumerable<ListedPod> pods) =>
        pods.Select(p => p.Controller?.Kind).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private async Task<IReadOnlyList<WorkloadRecord>> ListWorkloadsAsync(List<ListedJob> jobs, List<ListedPod> pods, CancellationToken ct)
    {
        var result = new List<WorkloadRecord>();
        result.AddRange((await Paged<V1Deployment>(async (c, t) =>
        {
            var l = await client.AppsV1.ListDeploymentForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, ct)).Select(d => ResourceMapper.ToRecord(cluster, d)));
        result.AddRange((await Paged<V1StatefulSet>(async (c, t) =>
        {
            var l = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, ct)).Select(s => ResourceMapper.ToRecord(cluster, s)));
        result.AddRange((await Paged<V1DaemonSet>(async (c, t) =>
        {
            var l = await client.AppsV1.ListDaemonSetForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, ct)).Select(d => ResourceMapper.ToRecord(cluster, d)));
        result.AddRange((await Paged<V1CronJob>(async (c, t) =>
        {
            var l = await client.BatchV1.ListCronJobForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, ct)).Select(j => ResourceMapper.ToRecord(cluster, j)));

        // Jobs a CronJob created are that CronJob's runs, not workloads of their own.
        result.AddRange(jobs.Where(j => j.Controller?.Kind != "CronJob").Select(j => j.Workload));

        result.AddRange(pods.Select(p => p.Bare).OfType<WorkloadRecord>());
        return result;
    }

    private async Task<IReadOnlyList<PodRecord>> ToPodRecordsAsync(List<ListedPod> pods, OwnerResolver owners, CancellationToken ct)
    {
        var nodeMap = await LoadNodesAsync(ct);
        if (pods.Any(p => p.Record.NodeName is { } n && !nodeMap.ContainsKey(n)))
        {
            nodes = null;
            nodeMap = await LoadNodesAsync(ct);
        }

        return pods.Select(p =>
        {
            var placement = p.Record.NodeName is { } n && nodeMap.TryGetValue(n, out var node)
                ? PlacementRules.FromNodeLabels(node)
                : Placement.Unknown;
            var owner = owners.OwnerOf(p.Record.Namespace, p.Record.Name, p.Controller);
            return p.Record with { Placement = placement, OwnerKind = owner?.Kind, OwnerName = owner?.Name };
        }).ToList();
    }

    public async Task RestartWorkloadAsync(WorkloadKind kind, string @namespace, string name, DateTimeOffset restartedAt, CancellationToken ct)
    {
        // What kubectl rollout restart sends: a strategic merge patch stamping the template with an RFC 3339 time. The
        // fraction of a second is kept: a rollback restarting within the same second as the migration's restart would
        // otherwise leave the template unchanged, roll nothing, and keep the pods on Pod Identity.
        var stamp = restartedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object>
                {
                    ["metadata"] = new Dictionary<string, object>
                    {
                        ["annotations"] = new Dictionary<string, string> { [RestartedAtAnnotation] = stamp },
                    },
                },
            },
        });
        var patch = new V1Patch(body, V1Patch.PatchType.StrategicMergePatch);
        _ = kind switch
        {
            WorkloadKind.Deployment => (object)await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, @namespace, cancellationToken: ct),
            WorkloadKind.StatefulSet => await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, @namespace, cancellationToken: ct),
            WorkloadKind.DaemonSet => await client.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, @namespace, cancellationToken: ct),
            _ => throw new NotSupportedException(
                $"{kind} {@namespace}/{name} cannot be rollout-restarted: only Deployments, StatefulSets and DaemonSets can. Its next run or a recreated pod picks up the new credentials."),
        };
    }

    public async Task<RolloutStatus> GetRolloutStatusAsync(WorkloadKind kind, string @namespace, string name, CancellationToken ct)
    {
        switch (kind)
        {
            case WorkloadKind.Deployment:
                var d = await client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace, cancellationToken: ct);
                return new RolloutStatus(d.Metadata.Generation ?? 0, d.Status?.ObservedGeneration ?? 0, d.Spec.Replicas ?? 1,
                    d.Status?.UpdatedReplicas ?? 0, d.Status?.ReadyReplicas ?? 0, d.Status?.AvailableReplicas ?? 0);
            case WorkloadKind.StatefulSet:
                var s = await client.AppsV1.ReadNamespacedStatefulSetAsync(name, @namespace, cancellationToken: ct);
                return new RolloutStatus(s.Metadata.Generation ?? 0, s.Status?.ObservedGeneration ?? 0, s.Spec.Replicas ?? 1,
                    s.Status?.UpdatedReplicas ?? 0, s.Status?.ReadyReplicas ?? 0, s.Status?.AvailableReplicas ?? 0);
            case WorkloadKind.DaemonSet:
                var ds = await client.AppsV1.ReadNamespacedDaemonSetAsync(name, @namespace, cancellationToken: ct);
                return new RolloutStatus(ds.Metadata.Generation ?? 0, ds.Status?.ObservedGeneration ?? 0, ds.Status?.DesiredNumberScheduled ?? 0,
                    ds.Status?.UpdatedNumberScheduled ?? 0, ds.Status?.NumberReady ?? 0, ds.Status?.NumberAvailable ?? 0);
            default:
                throw new NotSupportedException($"{kind} {@namespace}/{name} has no rollout status: only Deployments, StatefulSets and DaemonSets roll out.");
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        owned?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<List<ListedPod>> ListedPodsAsync(string? @namespace, string? serviceAccountName, CancellationToken ct)
    {
        var selector = serviceAccountName is null ? null : $"spec.serviceAccountName={serviceAccountName}";
        return await Paged<V1Pod, ListedPod>(async (c, t) =>
        {
            var l = @namespace is null
                ? await client.CoreV1.ListPodForAllNamespacesAsync(limit: pageSize, continueParameter: c, fieldSelector: selector, cancellationToken: t)
                : await client.CoreV1.ListNamespacedPodAsync(@namespace, limit: pageSize, continueParameter: c, fieldSelector: selector, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, p => new ListedPod(
            ResourceMapper.ToRecord(cluster, p, Placement.Unknown, owner: null),
            Controller.Of(p.Metadata),
            p.Metadata.OwnerReferences is null || p.Metadata.OwnerReferences.Count == 0 ? ResourceMapper.ToBarePodWorkload(cluster, p) : null), ct);
    }

    internal async Task<List<ListedReplicaSet>> ListReplicaSetControllersAsync(string? @namespace, CancellationToken ct) =>
        await Paged<V1ReplicaSet, ListedReplicaSet>(async (c, t) =>
        {
            var l = @namespace is null
                ? await client.AppsV1.ListReplicaSetForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t)
                : await client.AppsV1.ListNamespacedReplicaSetAsync(@namespace, limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, r => new ListedReplicaSet(r.Metadata.NamespaceProperty, r.Metadata.Name, Controller.Of(r.Metadata)), ct);

    internal async Task<List<ListedJob>> ListJobsAsync(string? @namespace, CancellationToken ct) =>
        await Paged<V1Job, ListedJob>(async (c, t) =>
        {
            var l = @namespace is null
                ? await client.BatchV1.ListJobForAllNamespacesAsync(limit: pageSize, continueParameter: c, cancellationToken: t)
                : await client.BatchV1.ListNamespacedJobAsync(@namespace, limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, j => new ListedJob(j.Metadata.NamespaceProperty, j.Metadata.Name, Controller.Of(j.Metadata), ResourceMapper.ToRecord(cluster, j)), ct);

    private async Task<Dictionary<string, IDictionary<string, string>>> LoadNodesAsync(CancellationToken ct)
    {
        if (nodes is not null)
        {
            return nodes;
        }

        var list = await Paged<V1Node, (string Name, IDictionary<string, string> Labels)>(async (c, t) =>
        {
            var l = await client.CoreV1.ListNodeAsync(limit: pageSize, continueParameter: c, cancellationToken: t);
            return (l.Items, l.Metadata?.ContinueProperty);
        }, n => (n.Metadata.Name, n.Metadata.Labels ?? new Dictionary<string, string>()), ct);
        nodes = list.ToDictionary(n => n.Name, n => n.Labels, StringComparer.Ordinal);
        return nodes;
    }

    /// <summary>
    /// Follows <c>continue</c> until the server has no more. A continue token that expired (410 Gone) restarts the
    /// list once from the beginning, as client-go's pager does when a full relist is acceptable.
    /// </summary>
    private static Task<List<T>> Paged<T>(Func<string?, CancellationToken, Task<(IList<T> Items, string? Continue)>> page, CancellationToken ct) =>
        Paged(page, item => item, ct);

    /// <summary>As <see cref="Paged{T}"/>, each page's items mapped as the page arrives (the API objects are not kept).</summary>
    private static async Task<List<TOut>> Paged<T, TOut>(Func<string?, CancellationToken, Task<(IList<T> Items, string? Continue)>> page, Func<T, TOut> map, CancellationToken ct)
    {
        var restarted = false;
        var all = new List<TOut>();
        string? token = null;
        while (true)
        {
            (IList<T> Items, string? Continue) result;
            try
            {
                result = await page(token, ct);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone && token is not null && !restarted)
            {
                restarted = true;
                all.Clear();
                token = null;
                continue;
            }

            all.AddRange((result.Items ?? []).Select(map));
            if (string.IsNullOrEmpty(result.Continue))
            {
                return all;
            }

            token = result.Continue;
        }
    }
}
