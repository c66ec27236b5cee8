using System.Text.Json;
using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>How workloads own pods and name them, the way the real controllers do.</summary>
public static class WorkloadPods
{
    /// <summary>Alphabet of Kubernetes' SafeEncodeString (pod-template-hash, generated name suffixes).</summary>
    public const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Hash of the pod template (containers, labels, annotations, ServiceAccount, placement): changes on rollout.</summary>
    public static string TemplateHash(Workload workload)
    {
        var template = JsonSerializer.Serialize(new
        {
            workload.Containers,
            Labels = workload.EffectiveTemplateLabels,
            workload.TemplateAnnotations,
            workload.ServiceAccountName,
            workload.NodeSelector,
            workload.Placement,
        }, EstateJson.Options);
        return StableId.FromAlphabet(template, 10, SafeAlphabet);
    }

    /// <summary>The kind and name of the object that directly controls the workload's pods (ReplicaSet for a Deployment, Job for a CronJob).</summary>
    public static (string ApiVersion, string Kind, string Name) Controller(Workload workload, string templateHash) => workload.Kind switch
    {
        WorkloadKind.Deployment => ("apps/v1", "ReplicaSet", $"{workload.Name}-{templateHash}"),
        WorkloadKind.StatefulSet => ("apps/v1", "StatefulSet", workload.Name),
        WorkloadKind.DaemonSet => ("apps/v1", "DaemonSet", workload.Name),
        WorkloadKind.CronJob => ("batch/v1", "Job", $"{workload.Name}-{CronJobSuffix(workload)}"),
        WorkloadKind.Job => ("batch/v1", "Job", workload.Name),
        _ => ("v1", "Pod", workload.Name),
    };

    /// <summary>Whether a pod belongs to the workload (through its controller's owner reference, or by name for a bare Pod).</summary>
    public static bool Owns(Workload workload, Pod pod)
    {
        if (pod.Namespace != workload.Namespace)
            return false;
        if (workload.Kind == WorkloadKind.Pod)
            return pod.Name == workload.Name && pod.OwnerReferences.Count == 0;
        return pod.OwnerReferences.Any(o => workload.Kind switch
        {
            WorkloadKind.Deployment => o.Kind == "ReplicaSet" && o.Name.StartsWith(workload.Name + "-", StringComparison.Ordinal)
                && o.Name.Length == workload.Name.Length + 11,
            WorkloadKind.CronJob => o.Kind == "Job" && o.Name.StartsWith(workload.Name + "-", StringComparison.Ordinal)
                && o.Name[(workload.Name.Length + 1)..].All(char.IsAsciiDigit),
            WorkloadKind.Job => o.Kind == "Job" && o.Name == workload.Name,
            _ => o.Kind == workload.Kind.ToString() && o.Name == workload.Name,
        });
    }

    /// <summary>Name of the n-th pod of a workload (generated suffixes are deterministic from the seed text).</summary>
    public static string PodName(Workload workload, string templateHash, int ordinal, string seed) => workload.Kind switch
    {
        WorkloadKind.StatefulSet => $"{workload.Name}-{ordinal}",
        WorkloadKind.Pod => workload.Name,
        _ => $"{Controller(workload, templateHash).Name}-{StableId.FromAlphabet($"{seed}/{ordinal}", 5, SafeAlphabet)}",
    };

    // CronJob's Job names carry the scheduled time in minutes since the epoch.
    private static string CronJobSuffix(Workload workload) =>
        (28_500_000 + (StableId.Hash(workload.Name)[0] % 60)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
