using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// DELETE of a pod or a Job, with the effects the API server, the garbage collector and the controllers bring, done at
/// once (no kubelet to wait for): a deleted pod is answered as the Pod with its deletionTimestamp (pods return the
/// deleted object) and a controller that keeps replicas (ReplicaSet, StatefulSet, DaemonSet, an unfinished Job) creates
/// its replacement, admitted by the webhook as any new pod; a deleted Job takes its pods with it (Background,
/// Foreground) or leaves them without an owner (Orphan, the batch/v1 default through the API when no policy is given).
/// A bare pod deleted is gone for good: no controller recreates it.
/// </summary>
internal static class KubeDeletion
{
    private const long DefaultGracePeriodSeconds = 30;

    public static IResult DeletePod(Estate estate, Cluster cluster, string ns, string name, KubeDeleteOptions options, IPodAdmission admission, DateTimeOffset now)
    {
        var pod = cluster.Pods.Find(p => p.Namespace == ns && p.Name == name);
        if (pod is null)
        {
            return KubeStatus.NotFound(KubeResource.Pods, name);
        }

        if (options.Unmet(pod.Uid, pod.ResourceVersion) is { } unmet)
        {
            return KubeStatus.PreconditionFailed(KubeResource.Pods, name, unmet);
        }

        var grace = options.GracePeriodSeconds ?? DefaultGracePeriodSeconds;
        var answer = KubeRender.Pod(pod);
        var meta = (JsonObject)answer["metadata"]!;
        meta["deletionTimestamp"] = KubeRender.Time(now.AddSeconds(grace));
        meta["deletionGracePeriodSeconds"] = grace;
        if (options.DryRun)
        {
            return new KubeJsonResult(answer);
        }

        Rollout.Remove(cluster, pod);
        if (pod.OwnerReferences.Count == 0)
        {
            // A bare pod is its own workload: it goes with the pod.
            cluster.Workloads.RemoveAll(w => w.Kind == WorkloadKind.Pod && w.Namespace == ns && w.Name == name);
        }
        else if (cluster.Workloads.FirstOrDefault(w => w.Kind != WorkloadKind.Pod && WorkloadPods.Owns(w, pod)) is { } owner)
        {
            Replace(estate, cluster, owner, pod, admission, now);
        }

        return new KubeJsonResult(answer);
    }

    public static IResult DeleteJob(Cluster cluster, string ns, string name, KubeDeleteOptions options, DateTimeOffset now)
    {
        var job = cluster.Workloads.Find(w => w.Kind == WorkloadKind.Job && w.Namespace == ns && w.Name == name);
        var pods = cluster.Pods.Where(p => p.Namespace == ns && p.OwnerReferences.Any(o => o.Kind == "Job" && o.Name == name)).ToList();
        // A CronJob's last run exists while it has pods (the sandbox keeps the run as the CronJob's pods).
        var cron = job is null && pods.Count > 0
            ? cluster.Workloads.Find(w => w.Kind == WorkloadKind.CronJob && w.Namespace == ns && pods.Any(p => WorkloadPods.Owns(w, p)))
            : null;
        if (job is null && cron is null)
        {
            return KubeStatus.NotFound(KubeResource.Jobs, name);
        }

        var rendered = job is not null ? WorkloadRender.Render(cluster, job) : WorkloadRender.CronJobRun(cluster, cron!);
        var uid = rendered["metadata"]?["uid"]?.GetValue<string>();
        if (options.Unmet(uid, rendered["metadata"]?["resourceVersion"]?.GetValue<string>()) is { } unmet)
        {
            return KubeStatus.PreconditionFailed(KubeResource.Jobs, name, unmet);
        }

        // batch/v1 Jobs orphan their pods unless told otherwise (the Job strategy's DefaultGarbageCollectionPolicy).
        var propagation = options.Propagation ?? DeletionPropagation.Orphan;
        if (!options.DryRun)
        {
            foreach (var pod in pods)
            {
                if (propagation == DeletionPropagation.Orphan)
                {
                    pod.OwnerReferences.RemoveAll(o => o.Kind == "Job" && o.Name == name);
                    pod.ResourceVersion = cluster.NextResourceVersion();
                }
                else
                {
                    Rollout.Remove(cluster, pod);
                }
            }

            if (job is not null)
            {
                cluster.Workloads.Remove(job);
            }
        }

        if (propagation == DeletionPropagation.Background)
        {
            return KubeStatus.Success(KubeResource.Jobs, name, uid);
        }

        // Foreground and Orphan hold the object with a finalizer until the garbage collector is done: that is the answer.
        var meta = (JsonObject)rendered["metadata"]!;
        meta["deletionTimestamp"] = KubeRender.Time(now);
        meta["deletionGracePeriodSeconds"] = 0;
        meta["finalizers"] = new JsonArray(propagation == DeletionPropagation.Foreground ? "foregroundDeletion" : "orphan");
        return new KubeJsonResult(rendered);
    }

    /// <summary>The owner's controller notices the missing pod and creates another from the current template.</summary>
    private static void Replace(Estate estate, Cluster cluster, Workload owner, Pod deleted, IPodAdmission admission, DateTimeOffset now)
    {
        var finished = deleted.Phase is "Succeeded" or "Failed";
        if (owner.Kind is WorkloadKind.CronJob || owner.Kind is WorkloadKind.Job && finished)
        {
            return;
        }

        var seed = $"{cluster.Key}/{owner.Namespace}/{owner.Name}/replace/{cluster.LastResourceVersion}";
        var hash = owner.TemplateHash ?? WorkloadPods.TemplateHash(owner);
        // A StatefulSet's pod comes back under its own name (its ordinal); the others get a new generated name.
        var name = owner.Kind == WorkloadKind.StatefulSet ? deleted.Name : WorkloadPods.PodName(owner, hash, 0, seed);
        for (var i = 1; cluster.Pods.Exists(p => p.Namespace == owner.Namespace && p.Name == name); i++)
        {
            name = WorkloadPods.PodName(owner, hash, i, seed);
        }

        var node = owner.Kind == WorkloadKind.DaemonSet ? deleted.NodeName : null;
        cluster.Pods.Add(EstateMaterializer.CreatePod(estate, cluster, owner, name, now, admission, node));
        if (owner.Kind is WorkloadKind.Deployment or WorkloadKind.StatefulSet or WorkloadKind.DaemonSet)
        {
            Rollout.UpdateStatus(cluster, owner);
        }

        owner.ResourceVersion = cluster.NextResourceVersion();
    }
}
