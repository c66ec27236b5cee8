using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>Run history: one stored snapshot per inventory run.</summary>
public interface IInventoryStore
{
    /// <summary>Stores the snapshot as a new run (its RunId is ignored) and returns the new run id.</summary>
    Task<long> SaveSnapshotAsync(InventorySnapshot snapshot, CancellationToken ct);

    /// <summary>The snapshot of a run, the latest finished run when <paramref name="runId"/> is null; null when there is none.</summary>
    Task<InventorySnapshot?> LoadSnapshotAsync(long? runId, CancellationToken ct) => LoadSnapshotAsync(runId, SnapshotParts.All, ct);

    /// <summary>As <see cref="LoadSnapshotAsync(long?, CancellationToken)"/>, reading only the parts asked for.</summary>
    Task<InventorySnapshot?> LoadSnapshotAsync(long? runId, SnapshotParts parts, CancellationToken ct);

    /// <summary>The trust policy texts of these roles in a run, by ARN; a role not stored or without one is left out.</summary>
    Task<IReadOnlyDictionary<string, string>> LoadTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns, CancellationToken ct);

    /// <summary>
    /// As <see cref="LoadTrustPoliciesAsync"/>, one role at a time (each ARN once, in no set order), so a reader that
    /// keeps the texts in another form (planning compacts them) never holds them all as strings.
    /// </summary>
    async IAsyncEnumerable<(string Arn, string TrustPolicy)> StreamTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (arn, text) in await LoadTrustPoliciesAsync(runId, roleArns, ct))
            yield return (arn, text);
    }

    /// <summary>
    /// The roles read in both runs (no lookup error in either) whose existence or trust policy text differs, with both
    /// texts, in ARN order: drift's trust comparison without reading either run's every trust policy.
    /// </summary>
    Task<IReadOnlyList<Inventory.Drift.TrustPolicyPair>> LoadTrustPolicyChangesAsync(long previousRunId, long currentRunId, CancellationToken ct);

    /// <summary>
    /// The IRSA bindings that differ between two runs (<see cref="Inventory.Drift.ServiceAccountChanges"/>), read one
    /// row at a time: drift's binding comparison without holding either run's every ServiceAccount.
    /// </summary>
    Task<Inventory.Drift.ServiceAccountChanges> LoadServiceAccountChangesAsync(long previousRunId, long currentRunId, CancellationToken ct);

    /// <summary>
    /// The run's IRSA ServiceAccounts (annotated with a role ARN), one at a time in stored order: their keys, roles and
    /// owners, without the rest of their annotations and labels, for readers that hold none of them (the planner's basis).
    /// </summary>
    async IAsyncEnumerable<IrsaServiceAccount> StreamIrsaServiceAccountsAsync(long runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (await LoadSnapshotAsync(runId, SnapshotParts.WithoutTrustPolicies, ct) is { } snapshot)
            foreach (var sa in snapshot.IrsaBindings)
                yield return new IrsaServiceAccount(sa.Key, sa.RoleArn!, sa.Owner);
    }

    /// <summary>Every finished run (not Running or Interrupted: <see cref="IInventoryRunWriter.UnfinishedRunsAsync"/>), newest first.</summary>
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken ct);
}

/// <summary>Which parts of a stored snapshot to read.</summary>
public enum SnapshotParts
{
    All,
    /// <summary>
    /// Everything but pods and workloads, which are most of a large snapshot: for readers that take per-binding
    /// figures from the assessment (the report, drift). Such a snapshot must not be assessed.
    /// </summary>
    WithoutPodsAndWorkloads,
    /// <summary>
    /// As <see cref="WithoutPodsAndWorkloads"/>, and ServiceAccounts without their labels and roles without their tags
    /// (their owners were found from them at collection and are kept; drift compares annotations and trust policies):
    /// for the planner and the report.
    /// </summary>
    WithoutPodsWorkloadsAndLabels,
    /// <summary>
    /// As <see cref="WithoutPodsWorkloadsAndLabels"/>, and each role with its trust policy's size
    /// (<see cref="RoleRecord.TrustPolicySize"/>), not its text: for the planner, which reads the trust policies of the
    /// roles it can touch only (<see cref="IInventoryStore.LoadTrustPoliciesAsync"/>), and for a report's drift, which
    /// reads the changed ones only (<see cref="IInventoryStore.LoadTrustPolicyChangesAsync"/>).
    /// </summary>
    WithoutTrustPolicies,
    /// <summary>
    /// As <see cref="WithoutTrustPolicies"/>, without ServiceAccounts: for a report that compares no earlier run (its
    /// bindings come with the assessment; the few trust policies it shows are read by ARN).
    /// </summary>
    Outline,
}
