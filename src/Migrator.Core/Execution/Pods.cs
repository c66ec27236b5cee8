using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Execution;

/// <summary>Reading a binding's pods: which belong to a workload, and which credential wiring they carry.</summary>
internal static class Pods
{
    public static bool OwnedBy(PodRecord pod, WorkloadRef w) => pod.OwnerKind == w.Kind && pod.OwnerName == w.Name;

    /// <summary>Pod Identity env present and the IRSA env absent (DOMAIN.md "Both at once").</summary>
    public static bool OnPodIdentity(PodRecord pod) => pod.CredentialMode == CredentialMode.PodIdentity && pod.InjectedRoleArn is null;

    public static bool OnIrsa(PodRecord pod) => pod.CredentialMode == CredentialMode.Irsa;

    public static Task<IReadOnlyList<PodRecord>> OfBindingAsync(ExecutionScope s, BindingKey key, CancellationToken ct) =>
        s.Kube(key.Cluster, (k, t) => k.ListPodsAsync(key.Namespace, key.ServiceAccount, t), ct);

    /// <summary>Every listed workload's rollout is complete and each of its pods satisfies the check.</summary>
    public static async Task<(bool Ok, string Detail)> CheckAsync(ExecutionScope s, BindingKey key, IReadOnlyList<WorkloadRef> workloads, Func<PodRecord, bool> check, CancellationToken ct)
    {
        foreach (var w in workloads)
        {
            var status = await s.Kube(key.Cluster, (k, t) => k.GetRolloutStatusAsync(w.Kind, w.Namespace, w.Name, t), ct);
            if (!status.Complete)
                return (false, $"rollout of {w.Kind} {w.Namespace}/{w.Name} not complete ({status.Updated}/{status.Desired} updated, {status.Ready} ready)");
        }
        var pods = await OfBindingAsync(s, key, ct);
        var owned = pods.Where(p => workloads.Any(w => OwnedBy(p, w))).ToList();
        var wrong = owned.Where(p => !check(p)).Select(p => p.Name).ToList();
        return wrong.Count == 0
            ? (true, $"{owned.Count} of {owned.Count} pod(s) {Wanted(check)}")
            : (false, $"{owned.Count - wrong.Count} of {owned.Count} pod(s) {Wanted(check)}; pod(s) {string.Join(", ", wrong)} carry the wrong credential env");
    }

    /// <summary>
    /// <see cref="CheckAsync"/> up to VerifyAttempts times, VerifyInterval apart, until it passes; <paramref name="miss"/>
    /// hears each failed attempt. The detail is the last check's.
    /// </summary>
    public static async Task<(bool Ok, string Detail)> WaitForAsync(ExecutionScope s, BindingKey key, IReadOnlyList<WorkloadRef> workloads, Func<PodRecord, bool> check, Action<int, int, string>? miss, CancellationToken ct)
    {
        var attempts = Math.Max(1, s.Settings.VerifyAttempts);
        var detail = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
                await s.DelayAsync(s.Settings.VerifyInterval, ct);
            (var ok, detail) = await CheckAsync(s, key, workloads, check, ct);
            if (ok)
                return (true, detail);
            miss?.Invoke(attempt, attempts, detail);
        }
        return (false, detail);
    }

    private static string Wanted(Func<PodRecord, bool> check) =>
        check == OnPodIdentity ? "on Pod Identity" : check == OnIrsa ? "on IRSA" : "as expected";
}
