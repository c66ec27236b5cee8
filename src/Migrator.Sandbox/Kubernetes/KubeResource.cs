using Migrator.Core.Inventory;

namespace Migrator.Sandbox.Kubernetes;

/// <summary>One resource type the simulated API server serves, as discovery describes it.</summary>
public sealed record KubeResource(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced, string[] Verbs, string[] ShortNames)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>plural.group, as errors name the resource (serviceaccounts, deployments.apps).</summary>
    public string Qualified => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";

    private static readonly string[] ReadOnly = ["get", "list"];
    private static readonly string[] Patchable = ["get", "list", "patch"];
    private static readonly string[] Updatable = ["get", "list", "patch", "update"];
    // Pods and Jobs can be created and deleted, as an operator does to recreate what no controller restarts.
    private static readonly string[] Recreatable = ["create", "delete", "get", "list"];

    public static readonly KubeResource Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ReadOnly, ["ns"]);
    public static readonly KubeResource Nodes = new("", "v1", "nodes", "node", "Node", false, ReadOnly, ["no"]);
    public static readonly KubeResource Pods = new("", "v1", "pods", "pod", "Pod", true, Recreatable, ["po"]);
    public static readonly KubeResource ServiceAccounts = new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, Updatable, ["sa"]);
    public static readonly KubeResource Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, Patchable, ["deploy"]);
    public static readonly KubeResource StatefulSets = new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, Patchable, ["sts"]);
    public static readonly KubeResource DaemonSets = new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, Patchable, ["ds"]);
    public static readonly KubeResource ReplicaSets = new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ReadOnly, ["rs"]);
    public static readonly KubeResource Jobs = new("batch", "v1", "jobs", "job", "Job", true, Recreatable, []);
    public static readonly KubeResource CronJobs = new("batch", "v1", "cronjobs", "cronjob", "CronJob", true, Patchable, ["cj"]);

    public static readonly IReadOnlyList<KubeResource> All =
        [Namespaces, Nodes, Pods, ServiceAccounts, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs];

    public static WorkloadKind? WorkloadKindOf(KubeResource r) =>
        r == Deployments ? WorkloadKind.Deployment
        : r == StatefulSets ? WorkloadKind.StatefulSet
        : r == DaemonSets ? WorkloadKind.DaemonSet
        : r == CronJobs ? WorkloadKind.CronJob
        : r == Jobs ? WorkloadKind.Job
        : null;
}
