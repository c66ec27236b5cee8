using System.Text.Json.Nodes;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>Workloads as apps/v1 and batch/v1 objects, with the status fields their controllers report.</summary>
public static class WorkloadRender
{
    public static string ApiVersion(WorkloadKind kind) => kind is WorkloadKind.Job or WorkloadKind.CronJob ? "batch/v1" : "apps/v1";

    /// <summary>Template nodeSelector: the one written in the template plus the pin its placement implies.</summary>
    public static Dictionary<string, string> TemplateNodeSelector(Workload w)
    {
        var selector = new Dictionary<string, string>(w.NodeSelector);
        foreach (var (k, v) in PlacementSelector(w.Placement))
        {
            selector.TryAdd(k, v);
        }

        return selector;
    }

    public static IReadOnlyDictionary<string, string> PlacementSelector(WorkloadPlacement placement) => placement switch
    {
        WorkloadPlacement.Windows => new Dictionary<string, string> { [Node.OsLabel] = "windows" },
        WorkloadPlacement.Hybrid => new Dictionary<string, string> { [Node.ComputeTypeLabel] = "hybrid" },
        WorkloadPlacement.Auto => new Dictionary<string, string> { [Node.ComputeTypeLabel] = "auto" },
        _ => new Dictionary<string, string>(),
    };

    public static JsonObject Template(Workload w) => new()
    {
        ["metadata"] = TemplateMetadata(w),
        ["spec"] = KubeRender.PodSpec(w.ServiceAccountName, TemplateNodeSelector(w), w.Containers, [], w.Kind.ToString()),
    };

    private static JsonObject TemplateMetadata(Workload w)
    {
        var m = new JsonObject { ["creationTimestamp"] = null, ["labels"] = KubeRender.Map(w.EffectiveTemplateLabels) };
        if (w.TemplateAnnotations.Count > 0)
        {
            m["annotations"] = KubeRender.Map(w.TemplateAnnotations);
        }

        return m;
    }

    private static JsonObject Selector(Workload w) => new() { ["matchLabels"] = KubeRender.Map(w.EffectiveTemplateLabels) };

    public static JsonObject Render(Cluster cluster, Workload w)
    {
        var pods = cluster.Pods.Where(p => WorkloadPods.Owns(w, p) && p.DeletionTimestamp is null).ToList();
        var o = new JsonObject
        {
            ["apiVersion"] = ApiVersion(w.Kind),
            ["kind"] = w.Kind.ToString(),
            ["metadata"] = KubeRender.Metadata(w, w.Namespace, w.OwnerReferences?.Select(KubeRender.Owner), generation: true),
        };
        switch (w.Kind)
        {
            case WorkloadKind.Deployment:
                o["spec"] = new JsonObject
                {
                    ["replicas"] = w.Replicas,
                    ["selector"] = Selector(w),
                    ["template"] = Template(w),
                    ["strategy"] = new JsonObject
                    {
                        ["type"] = "RollingUpdate",
                        ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
                    },
                    ["revisionHistoryLimit"] = 10,
                    ["progressDeadlineSeconds"] = 600,
                };
                o["status"] = new JsonObject
                {
                    ["observedGeneration"] = w.ObservedGeneration,
                    ["replicas"] = pods.Count,
                    ["updatedReplicas"] = w.UpdatedReplicas,
                    ["readyReplicas"] = w.ReadyReplicas,
                    ["availableReplicas"] = w.AvailableReplicas,
                    ["unavailableReplicas"] = w.Replicas > w.AvailableReplicas ? (JsonNode)(w.Replicas - w.AvailableReplicas) : null,
                    ["conditions"] = new JsonArray(
                        Condition("Available", w.AvailableReplicas >= w.Replicas, w.AvailableReplicas >= w.Replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"),
                        Condition("Progressing", true, w.UpdatedReplicas >= w.Replicas ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")),
                };
                break;
            case WorkloadKind.StatefulSet:
                var revision = $"{w.Name}-{w.TemplateHash}";
                o["spec"] = new JsonObject
                {
                    ["replicas"] = w.Replicas,
                    ["selector"] = Selector(w),
                    ["template"] = Template(w),
                    ["serviceName"] = w.Name,
                    ["podManagementPolicy"] = "OrderedReady",
                    ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } },
                    ["revisionHistoryLimit"] = 10,
                };
                o["status"] = new JsonObject
                {
                    ["observedGeneration"] = w.ObservedGeneration,
                    ["replicas"] = pods.Count,
                    ["readyReplicas"] = w.ReadyReplicas,
                    ["currentReplicas"] = w.UpdatedReplicas,
                    ["updatedReplicas"] = w.UpdatedReplicas,
                    ["availableReplicas"] = w.AvailableReplicas,
                    ["currentRevision"] = revision,
                    ["updateRevision"] = revision,
                    ["collisionCount"] = 0,
                };
                break;
            case WorkloadKind.DaemonSet:
                o["spec"] = new JsonObject
                {
                    ["selector"] = Selector(w),
                    ["template"] = Template(w),
                    ["updateStrategy"] = new JsonObject
                    {
                        ["type"] = "RollingUpdate",
                        ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
                    },
                    ["revisionHistoryLimit"] = 10,
                };
                o["status"] = new JsonObject
                {
                    ["currentNumberScheduled"] = pods.Count,
                    ["numberMisscheduled"] = 0,
                    ["desiredNumberScheduled"] = w.Replicas,
                    ["numberReady"] = w.ReadyReplicas,
                    ["observedGeneration"] = w.ObservedGeneration,
                    ["updatedNumberScheduled"] = w.UpdatedReplicas,
                    ["numberAvailable"] = w.AvailableReplicas,
                };
                break;
            case WorkloadKind.Job:
                o["spec"] = JobSpec(w);
                o["status"] = JobStatus(pods);
                break;
            case WorkloadKind.CronJob:
                o["spec"] = new JsonObject
                {
                    ["schedule"] = w.Schedule ?? "0 * * * *",
                    ["concurrencyPolicy"] = "Allow",
                    ["suspend"] = false,
                    ["jobTemplate"] = new JsonObject { ["metadata"] = new JsonObject { ["creationTimestamp"] = null }, ["spec"] = JobSpec(w, selector: false) },
                    ["successfulJobsHistoryLimit"] = 3,
                    ["failedJobsHistoryLimit"] = 1,
                };
                o["status"] = new JsonObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(w), w.Kind, "bare pods render as pods");
        }

        return o;
    }

    /// <summary>The ReplicaSet of a Deployment's current template (owner of its pods).</summary>
    public static JsonObject ReplicaSet(Cluster cluster, Workload d)
    {
        var hash = d.TemplateHash ?? WorkloadPods.TemplateHash(d);
        var name = $"{d.Name}-{hash}";
        var pods = cluster.Pods.Where(p => WorkloadPods.Owns(d, p) && p.DeletionTimestamp is null).ToList();
        var labels = new Dictionary<string, string>(d.EffectiveTemplateLabels) { ["pod-template-hash"] = hash };
        var template = Template(d);
        template["metadata"]!["labels"] = KubeRender.Map(labels);
        var meta = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = d.Namespace,
            ["uid"] = StableId.Uuid($"{cluster.Key}/ReplicaSet/{d.Namespace}/{name}"),
            ["resourceVersion"] = d.ResourceVersion,
            ["generation"] = 1,
            ["creationTimestamp"] = KubeRender.Time(d.CreationTimestamp),
            ["labels"] = KubeRender.Map(labels),
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/desired-replicas"] = d.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), ["deployment.kubernetes.io/revision"] = d.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["ownerReferences"] = new JsonArray(KubeRender.Owner(new OwnerReference { Kind = "Deployment", Name = d.Name, Uid = d.Uid ?? "" })),
        };
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["replicas"] = d.Replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = KubeRender.Map(labels) },
                ["template"] = template,
            },
            ["status"] = new JsonObject
            {
                ["replicas"] = pods.Count,
                ["fullyLabeledReplicas"] = pods.Count,
                ["readyReplicas"] = pods.Count(p => p.Ready),
                ["availableReplicas"] = pods.Count(p => p.Ready),
                ["observedGeneration"] = 1,
            },
        };
    }

    /// <summary>The Job a CronJob last ran (owner of its pods).</summary>
    public static JsonObject CronJobRun(Cluster cluster, Workload cron)
    {
        var hash = cron.TemplateHash ?? WorkloadPods.TemplateHash(cron);
        var name = WorkloadPods.Controller(cron, hash).Name;
        var pods = cluster.Pods.Where(p => WorkloadPods.Owns(cron, p)).ToList();
        var meta = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = cron.Namespace,
            ["uid"] = StableId.Uuid($"{cluster.Key}/Job/{cron.Namespace}/{name}"),
            ["resourceVersion"] = cron.ResourceVersion,
            ["generation"] = 1,
            ["creationTimestamp"] = KubeRender.Time(cron.CreationTimestamp),
            ["labels"] = KubeRender.Map(cron.EffectiveTemplateLabels),
            ["ownerReferences"] = new JsonArray(KubeRender.Owner(new OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = cron.Name, Uid = cron.Uid ?? "" })),
        };
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = meta,
            ["spec"] = JobSpec(cron),
            ["status"] = JobStatus(pods),
        };
    }

    private static JsonObject JobSpec(Workload w, bool selector = true)
    {
        var spec = new JsonObject
        {
            ["parallelism"] = Math.Max(1, w.Replicas),
            ["completions"] = Math.Max(1, w.Replicas),
            ["backoffLimit"] = 6,
            ["template"] = Template(w),
        };
        if (selector)
        {
            spec["selector"] = Selector(w);
        }

        return spec;
    }

    private static JsonObject JobStatus(List<Pod> pods)
    {
        var status = new JsonObject
        {
            ["active"] = pods.Count(p => p.Phase == "Running"),
            ["succeeded"] = pods.Count(p => p.Phase == "Succeeded"),
            ["ready"] = pods.Count(p => p.Ready),
        };
        var start = pods.Select(p => p.StartTime).Where(t => t is not null).Min();
        if (start is not null)
        {
            status["startTime"] = KubeRender.Time(start);
        }

        return status;
    }

    private static JsonObject Condition(string type, bool status, string reason) => new()
    {
        ["type"] = type,
        ["status"] = status ? "True" : "False",
        ["reason"] = reason,
    };
}
