using Migrator.Core.Inventory;

namespace Migrator.Sandbox;

/// <summary>Where a workload's pods are pinned by nodeSelector/tolerations (the pod template's placement).</summary>
public enum WorkloadPlacement
{
    /// <summary>Any Linux EC2 node (no pin).</summary>
    Linux,
    Windows,
    Fargate,
    Hybrid,
    Auto,
}

/// <summary>
/// A controller (or bare Pod) and its pod template. Status fields follow what the real controllers report;
/// the Kubernetes API's rollout logic moves them.
/// </summary>
public sealed class Workload : NamespacedKubeObject
{
    public required WorkloadKind Kind { get; set; }
    public int Replicas { get; set; } = 1;
    public string ServiceAccountName { get; set; } = "default";
    public WorkloadPlacement Placement { get; set; } = WorkloadPlacement.Linux;
    /// <summary>The template's nodeSelector; the placement's labels are added when materialising pods.</summary>
    public Dictionary<string, string> NodeSelector { get; set; } = [];
    public List<Container> Containers { get; set; } = [];
    /// <summary>Labels of the pod template (app=NAME when empty).</summary>
    public Dictionary<string, string> TemplateLabels { get; set; } = [];
    /// <summary>Annotations of the pod template (kubectl.kubernetes.io/restartedAt lands here on rollout restart).</summary>
    public Dictionary<string, string> TemplateAnnotations { get; set; } = [];
    /// <summary>
    /// The application reads a web identity token from a file and assumes this role with it through its own configuration,
    /// not the SDK env: it keeps calling AssumeRoleWithWebIdentity whatever the webhook injects, and no pod env shows it
    /// (only CloudTrail does). Plants the case the cleanup evidence gate exists for.
    /// </summary>
    public string? TokenFileRoleArn { get; set; }
    /// <summary>CronJob schedule.</summary>
    public string? Schedule { get; set; }
    /// <summary>The workload's own owners: a Job created from a CronJob (kubectl create job --from=cronjob/NAME) names it; null for most.</summary>
    public List<OwnerReference>? OwnerReferences { get; set; }

    public long ObservedGeneration { get; set; }
    public int UpdatedReplicas { get; set; }
    public int ReadyReplicas { get; set; }
    public int AvailableReplicas { get; set; }
    /// <summary>pod-template-hash of the current ReplicaSet (Deployment) or controller-revision-hash (StatefulSet/DaemonSet).</summary>
    public string? TemplateHash { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<string, string> EffectiveTemplateLabels =>
        TemplateLabels.Count > 0 ? TemplateLabels : new Dictionary<string, string> { ["app"] = Name };
}

public sealed class Container
{
    public required string Name { get; set; }
    public required string Image { get; set; }
    /// <summary>Env as written in the pod spec (hard-coded values, e.g. AWS_ROLE_ARN) or, on pods, after the webhook's mutation.</summary>
    public List<EnvVar> Env { get; set; } = [];
    public List<VolumeMount> VolumeMounts { get; set; } = [];
}

public sealed class EnvVar
{
    public required string Name { get; set; }
    public string? Value { get; set; }
}

public sealed class VolumeMount
{
    public required string Name { get; set; }
    public required string MountPath { get; set; }
    public bool ReadOnly { get; set; }
}
