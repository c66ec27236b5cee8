using Migrator.Core.Inventory;

namespace Migrator.Kubernetes;

/// <summary>
/// A pod's workload through its controller chain: Pod → ReplicaSet → Deployment and Pod → Job → CronJob. ReplicaSets
/// and Jobs are listed once per call, and only when some pod is owned by one; of each only its controller is kept.
/// </summary>
internal sealed class OwnerResolver
{
    private readonly Dictionary<(string Namespace, string Name), Controller?> replicaSetOwners;
    private readonly Dictionary<(string Namespace, string Name), Controller?> jobOwners;

    private OwnerResolver(Dictionary<(string, string), Controller?> replicaSetOwners, Dictionary<(string, string), Controller?> jobOwners)
    {
        this.replicaSetOwners = replicaSetOwners;
        this.jobOwners = jobOwners;
    }

    /// <summary>
    /// Lists what the pods' owners need, given the kinds of the pods' controllers; <paramref name="listedJobs"/>, when the
    /// caller has listed the Jobs of the same scope already.
    /// </summary>
    public static async Task<OwnerResolver> CreateAsync(ClusterSession session, IReadOnlySet<string> controllerKinds, string? @namespace, CancellationToken ct,
        IReadOnlyList<ClusterSession.ListedJob>? listedJobs = null)
    {
        var replicaSets = controllerKinds.Contains("ReplicaSet") ? await session.ListReplicaSetControllersAsync(@namespace, ct) : [];
        var jobs = !controllerKinds.Contains("Job") ? [] : listedJobs ?? await session.ListJobsAsync(@namespace, ct);
        return new OwnerResolver(
            replicaSets.ToDictionary(r => (r.Namespace, r.Name), r => r.Controller),
            jobs.ToDictionary(j => (j.Namespace, j.Name), j => j.Controller));
    }

    public (WorkloadKind Kind, string Name)? OwnerOf(string @namespace, string name, Controller? owner)
    {
        switch (owner?.Kind)
        {
            case null:
                return (WorkloadKind.Pod, name);
            case "ReplicaSet":
                // A ReplicaSet no Deployment owns is not a workload kind the migration restarts: no owner reported.
                return replicaSetOwners.TryGetValue((@namespace, owner.Name), out var rsOwner) && rsOwner?.Kind == "Deployment"
                    ? (WorkloadKind.Deployment, rsOwner.Name)
                    : null;
            case "Job":
                return jobOwners.TryGetValue((@namespace, owner.Name), out var jobOwner) && jobOwner?.Kind == "CronJob"
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

/// <summary>An object's controller (its controller owner reference, else its first owner reference): kind and name.</summary>
internal sealed record Controller(string Kind, string Name)
{
    public static Controller? Of(k8s.Models.V1ObjectMeta meta) =>
        Mapping.ResourceMapper.ControllerOf(meta) is { } owner ? new Controller(owner.Kind, owner.Name) : null;
}
