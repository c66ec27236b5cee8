using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>
/// What the Deployment, StatefulSet and DaemonSet controllers do after a spec change, done at once: old pods go, new
/// ones are created from the current template (admitted by the webhook with the ServiceAccount's annotations and
/// associations as they are now), and the status fields move to the new generation.
/// </summary>
public static class Rollout
{
    public static void Roll(Estate estate, Cluster cluster, Workload w, IPodAdmission admission, DateTimeOffset now, bool templateChanged)
    {
        if (w.Kind is WorkloadKind.CronJob or WorkloadKind.Job or WorkloadKind.Pod)
        {
            // A CronJob's template applies to its next run; Job templates are immutable; bare pods have no controller.
            w.ObservedGeneration = w.Generation;
            return;
        }

        var old = cluster.Pods.Where(p => WorkloadPods.Owns(w, p)).ToList();
        var daemonNodes = old.Select(p => p.NodeName).Where(n => n is not null).Distinct().ToList();
        w.TemplateHash = WorkloadPods.TemplateHash(w);
        var replace = templateChanged ? old : old.Skip(w.Replicas).ToList();
        foreach (var pod in replace)
        {
            Remove(cluster, pod);
        }

        var seed = $"{cluster.Key}/{w.Namespace}/{w.Name}/{w.Generation}";
        if (w.Kind == WorkloadKind.DaemonSet)
        {
            if (templateChanged)
            {
                for (var i = 0; i < daemonNodes.Count; i++)
                {
                    var name = WorkloadPods.PodName(w, w.TemplateHash, i, seed);
                    cluster.Pods.Add(EstateMaterializer.CreatePod(estate, cluster, w, name, now, admission, daemonNodes[i]));
                }
            }
        }
        else
        {
            var current = cluster.Pods.Count(p => WorkloadPods.Owns(w, p));
            for (var i = 0; current < w.Replicas; i++)
            {
                var name = WorkloadPods.PodName(w, w.TemplateHash, i, seed);
                if (!cluster.Pods.Any(p => p.Namespace == w.Namespace && p.Name == name))
                {
                    cluster.Pods.Add(EstateMaterializer.CreatePod(estate, cluster, w, name, now, admission));
                    current++;
                }
            }
        }

        UpdateStatus(cluster, w);
    }

    public static void UpdateStatus(Cluster cluster, Workload w)
    {
        var pods = cluster.Pods.Where(p => WorkloadPods.Owns(w, p) && p.DeletionTimestamp is null).ToList();
        var ready = pods.Count(p => p.Ready && p.NodeName is not null);
        w.ObservedGeneration = w.Generation;
        w.UpdatedReplicas = pods.Count(p => PodHashOf(w, p) == w.TemplateHash);
        w.ReadyReplicas = ready;
        w.AvailableReplicas = ready;
        if (w.Kind == WorkloadKind.DaemonSet)
        {
            w.Replicas = pods.Count;
        }
    }

    private static string? PodHashOf(Workload w, Pod p) => w.Kind switch
    {
        WorkloadKind.Deployment => p.Labels.GetValueOrDefault("pod-template-hash"),
        WorkloadKind.StatefulSet => p.Labels.GetValueOrDefault("controller-revision-hash") is { } r && r.StartsWith(w.Name + "-", StringComparison.Ordinal) ? r[(w.Name.Length + 1)..] : null,
        WorkloadKind.DaemonSet => p.Labels.GetValueOrDefault("controller-revision-hash"),
        _ => w.TemplateHash,
    };

    /// <summary>Removes a pod; a Fargate pod's own node goes with it.</summary>
    internal static void Remove(Cluster cluster, Pod pod)
    {
        cluster.Pods.Remove(pod);
        if (pod.NodeName is { } nodeName && cluster.FindNode(nodeName) is { ComputeType: ComputeType.Fargate } node
            && !cluster.Pods.Any(p => p.NodeName == nodeName))
        {
            cluster.Nodes.Remove(node);
        }
    }
}
