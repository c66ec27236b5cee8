using k8s.Models;
using Migrator.Core.Inventory;

namespace Migrator.Kubernetes.Mapping;

/// <summary>Kubernetes API objects to the inventory's records.</summary>
public static class ResourceMapper
{
    private const string EksAnnotationPrefix = "eks.amazonaws.com/";
    /// <summary>kubectl apply's copy of the whole object: large, and no owner's mark.</summary>
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static ServiceAccountRecord ToRecord(ClusterRef cluster, V1ServiceAccount sa) => new()
    {
        Cluster = cluster,
        Namespace = sa.Metadata.NamespaceProperty,
        Name = sa.Metadata.Name,
        Annotations = (sa.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(a => a.Key.StartsWith(EksAnnotationPrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        Labels = new Dictionary<string, string>(sa.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        OtherAnnotations = (sa.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(a => !a.Key.StartsWith(EksAnnotationPrefix, StringComparison.Ordinal) && a.Key != LastAppliedAnnotation)
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        ResourceVersion = sa.Metadata.ResourceVersion,
    };

    public static WorkloadRecord ToRecord(ClusterRef cluster, V1Deployment d) =>
        Workload(cluster, WorkloadKind.Deployment, d.Metadata, d.Spec.Template.Spec, d.Spec.Replicas ?? 1, d.Status?.ReadyReplicas ?? 0);

    public static WorkloadRecord ToRecord(ClusterRef cluster, V1StatefulSet s) =>
        Workload(cluster, WorkloadKind.StatefulSet, s.Metadata, s.Spec.Template.Spec, s.Spec.Replicas ?? 1, s.Status?.ReadyReplicas ?? 0);

    public static WorkloadRecord ToRecord(ClusterRef cluster, V1DaemonSet d) =>
        Workload(cluster, WorkloadKind.DaemonSet, d.Metadata, d.Spec.Template.Spec, d.Status?.DesiredNumberScheduled ?? 0, d.Status?.NumberReady ?? 0);

    public static WorkloadRecord ToRecord(ClusterRef cluster, V1CronJob c) =>
        Workload(cluster, WorkloadKind.CronJob, c.Metadata, c.Spec.JobTemplate.Spec.Template.Spec, c.Spec.JobTemplate.Spec.Parallelism ?? 1, 0);

    public static WorkloadRecord ToRecord(ClusterRef cluster, V1Job j) =>
        Workload(cluster, WorkloadKind.Job, j.Metadata, j.Spec.Template.Spec, j.Spec.Parallelism ?? 1, j.Status?.Ready ?? 0);

    /// <summary>A pod no controller owns is its own workload.</summary>
    public static WorkloadRecord ToBarePodWorkload(ClusterRef cluster, V1Pod p) =>
        Workload(cluster, WorkloadKind.Pod, p.Metadata, p.Spec, 1, IsReady(p) ? 1 : 0) with
        {
            HardCodedAwsEnv = CredentialEnvReader.HardCodedNamesOfPod(p.Spec),
        };

    public static PodRecord ToRecord(ClusterRef cluster, V1Pod pod, Placement placement, (WorkloadKind Kind, string Name)? owner)
    {
        var (mode, roleArn) = CredentialEnvReader.Read(pod.Spec);
        var labels = pod.Metadata.Labels;
        return new PodRecord
        {
            Cluster = cluster,
            Namespace = pod.Metadata.NamespaceProperty,
            Name = pod.Metadata.Name,
            ServiceAccountName = pod.Spec?.ServiceAccountName ?? "default",
            NodeName = pod.Spec?.NodeName,
            Placement = placement,
            OwnerKind = owner?.Kind,
            OwnerName = owner?.Name,
            CredentialMode = mode,
            InjectedRoleArn = roleArn,
            PodIdentityLabel = labels is not null && labels.TryGetValue(AwsCredentialEnv.PodIdentityLabel, out var v) && v == "enabled",
            Images = CredentialEnvReader.Images(pod.Spec),
            StartedAt = pod.Status?.StartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : null,
            Finished = pod.Status?.Phase is "Succeeded" or "Failed",
        };
    }

    /// <summary>The controller owner reference of an object, if any.</summary>
    public static V1OwnerReference? ControllerOf(V1ObjectMeta meta) =>
        meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? meta.OwnerReferences?.FirstOrDefault();

    private static bool IsReady(V1Pod p) =>
        p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false;

    private static WorkloadRecord Workload(ClusterRef cluster, WorkloadKind kind, V1ObjectMeta meta, V1PodSpec? spec, int replicas, int ready) => new()
    {
        Cluster = cluster,
        Namespace = meta.NamespaceProperty,
        Kind = kind,
        Name = meta.Name,
        ServiceAccountName = string.IsNullOrEmpty(spec?.ServiceAccountName) ? "default" : spec.ServiceAccountName,
        Replicas = replicas,
        ReadyReplicas = ready,
        TemplatePlacement = PlacementRules.FromTemplate(spec),
        Images = CredentialEnvReader.Images(spec),
        HardCodedAwsEnv = CredentialEnvReader.HardCodedNames(spec),
    };
}
