using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>Opens a session on one cluster (endpoint + CA from DescribeCluster, or a kubeconfig context).</summary>
public interface IKubernetesEstate
{
    Task<IClusterSession> ConnectAsync(ClusterRef cluster, ClusterDescription description, CancellationToken ct);
}

/// <summary>A node's placement facts (labels kubernetes.io/os and eks.amazonaws.com/compute-type).</summary>
public sealed record NodeRecord(string Name, string OperatingSystem, string? ComputeType, IReadOnlyDictionary<string, string> Labels);

/// <summary>A cluster's workloads and pods, all namespaces.</summary>
public sealed record WorkloadsAndPods(IReadOnlyList<WorkloadRecord> Workloads, IReadOnlyList<PodRecord> Pods);

/// <summary>Rollout progress of a Deployment, StatefulSet or DaemonSet.</summary>
public sealed record RolloutStatus(long Generation, long ObservedGeneration, int Desired, int Updated, int Ready, int Available)
{
    public bool Complete => ObservedGeneration >= Generation && Updated >= Desired && Ready >= Desired && Available >= Desired;
}

/// <summary>The Kubernetes operations the migration uses on one cluster. All list calls page with limit/continue.</summary>
public interface IClusterSession : IAsyncDisposable
{
    ClusterRef Cluster { get; }
    Task<IReadOnlyList<NodeRecord>> ListNodesAsync(CancellationToken ct);
    /// <summary>All ServiceAccounts in all namespaces; Cluster on each record is this session's.</summary>
    Task<IReadOnlyList<ServiceAccountRecord>> ListServiceAccountsAsync(CancellationToken ct);
    Task<ServiceAccountRecord?> GetServiceAccountAsync(string @namespace, string name, CancellationToken ct);
    /// <summary>Merge-patches annotations: a null value removes the key. Returns the updated record.</summary>
    Task<ServiceAccountRecord> PatchServiceAccountAnnotationsAsync(string @namespace, string name, IReadOnlyDictionary<string, string?> annotations, CancellationToken ct);
    /// <summary>Workloads of every kind in all namespaces (placement left Unknown unless the template pins it).</summary>
    Task<IReadOnlyList<WorkloadRecord>> ListWorkloadsAsync(CancellationToken ct);
    /// <summary>Pods in all namespaces, or in one namespace using one ServiceAccount. Placement filled from the node.</summary>
    Task<IReadOnlyList<PodRecord>> ListPodsAsync(string? @namespace, string? serviceAccountName, CancellationToken ct);
    /// <summary>
    /// The inventory's read: <see cref="ListWorkloadsAsync"/> and all pods, where an adapter can serve both from one
    /// listing of pods and of Jobs (bare pods are workloads; Jobs resolve pod owners).
    /// </summary>
    async Task<WorkloadsAndPods> ListWorkloadsAndPodsAsync(CancellationToken ct) =>
        new(await ListWorkloadsAsync(ct), await ListPodsAsync(null, null, ct));
    /// <summary>kubectl rollout restart: stamps kubectl.kubernetes.io/restartedAt on the pod template.</summary>
    Task RestartWorkloadAsync(WorkloadKind kind, string @namespace, string name, DateTimeOffset restartedAt, CancellationToken ct);
    Task<RolloutStatus> GetRolloutStatusAsync(WorkloadKind kind, string @namespace, string name, CancellationToken ct);
}
