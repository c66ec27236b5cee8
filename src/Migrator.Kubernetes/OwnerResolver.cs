using k8s.Models;
using Migrator.Core.Inventory;
using Migrator.Kubernetes.Mapping;

namespace Migrator.Kubernetes;

/// <summary>
/// A pod's workload through its controller chain: Pod → ReplicaSet → Deployment and Pod → Job → CronJob. ReplicaSets
/// and Jobs are listed once per call, and only when some pod is owned by one.
/// </summary>
internal sealed class OwnerResolver
{
    private readonly Dictionary<(string Namespace, string Name), V1OwnerReference?> replicaSetOwners;
    private readonly Dictionary<(string Namespace, string Name), V1OwnerReference?> jobOwners;

    private OwnerResolver(
        Dictionary<(string, string), V1OwnerReference?> replicaSetOwners,
        Dictionary<(string, string), V1OwnerReference?> jobOwners)
    {
        this.replicaSetOwners = replicaSetOwners;
        this.jobOwners = jobOwners;
    }

    /// <summary>Lists what the pods' owners need; <paramref name="listedJobs"/>, when the caller has listed the Jobs of the same scope already.</summary>
    public static async Task<OwnerResolver> CreateAsync(ClusterSession session, IReadOnlyList<V1Pod> pods, string? @namespace, CancellationToken ct, List<V1Job>? listedJobs = null)
    {
        var kinds = pods.Select(p => ResourceMapper.ControllerOf(p.Metadata)?.Kind).ToHashSet();
        var replicaSets = kinds.Contains("ReplicaSet") ? await session.ListReplicaSetsAsync(@namespace, ct) : [];
        var jobs = !kinds.Contains("Job") ? [] : listedJobs ?? await session.ListJobsAsync(@namespace, ct);
        return new OwnerResolver(
            replicaSets.ToDictionary(r => (r.Metadata.NamespaceProperty, r.Metadata.Name), r => ResourceMapper.ControllerOf(r.Metadata)),
            jobs.ToDictionary(j => (j.Metadata.NamespaceProperty, j.Metadata.Name), j => ResourceMapper.ControllerOf(j.Metadata)));
    }

    public (WorkloadKind Kind, string Name)? OwnerOf(V1Pod pod)
    {
        var owner = ResourceMapper.ControllerOf(pod.Metadata);
        var ns = pod.Metadata.NamespaceProperty;
        switch (owner?.Kind)
        {
            case null:
                return (WorkloadKind.Pod, pod.Metadata.Name);
            case "ReplicaSet":
                // A ReplicaSet no Deployment owns is not a workload kind the migration restarts: no owner reported.
                return replicaSetOwners.TryGetValue((ns, owner.Name), out var rsOwner) && rsOwner?.Kind == "Deployment"
                    ? (WorkloadKind.Deployment, rsOwner.Name)
                    : null;
            case "Job":
                return jobOwners.TryGetValue((ns, owner.Name), out var jobOwner) && jobOwner?.Kind == "CronJob"
                    ? (WorkloadKind.CronJob, jobOwner.Name)
                    : (WorkloadKind.Job, owner.Name);
            case "StatefulSet":
                return (WorkloadKind.StatefulSet, owner.Name);
            case "DaemonSet":
                return (WorkloadKind.DaemonSet, owner.Name);
            default:
                return null;
        }
    }
}
