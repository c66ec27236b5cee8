using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Core.Ports;

namespace Migrator.Reports;

/// <summary>What one report is made from: the run's snapshot and assessment, the previous run's (for drift), the
/// history of runs (for the trend), and the plan with its journal when one exists.</summary>
public sealed record ReportInput
{
    public required InventorySnapshot Snapshot { get; init; }
    /// <summary>The run's assessment: its header and role findings, and its bindings unless <see cref="Feed"/> gives them.</summary>
    public required AssessmentResult Assessment { get; init; }
    /// <summary>
    /// The run's bindings read anew at each pass (from the state file), when <see cref="Assessment"/> was read without
    /// them (<see cref="AssessmentParts.Findings"/>); null: the assessment's own bindings.
    /// </summary>
    public IBindingFeed? Feed { get; init; }
    public InventorySnapshot? PreviousSnapshot { get; init; }
    public AssessmentResult? PreviousAssessment { get; init; }
    /// <summary>Earlier runs, any order; the current run is added by the builder.</summary>
    public IReadOnlyList<RunHistoryPoint> History { get; init; } = [];
    public PlanProgressView? Plan { get; init; }
    /// <summary>What the tool itself changed between the previous run and this one (from the journal), so drift tells it apart.</summary>
    public ToolChanges? ToolChanges { get; init; }
    /// <summary>Progress of the migration scope as of this run; null before the first plan fixes a scope.</summary>
    public Core.Progress.ScopeProgress? ScopeProgress { get; init; }
    /// <summary>
    /// Trust policy texts by role ARN for the roles whose diffs are shown, when <see cref="Snapshot"/> was read without
    /// them (<see cref="SnapshotParts.Outline"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? TrustPolicies { get; init; }
    /// <summary>
    /// The roles whose trust policy changed between the previous run and this one, when the snapshots were read without
    /// their trust policies (<see cref="SnapshotParts.WithoutTrustPolicies"/>); null: drift compares the snapshots' roles.
    /// </summary>
    public IReadOnlyList<Core.Inventory.Drift.TrustPolicyPair>? TrustChanges { get; init; }
    /// <summary>
    /// The IRSA bindings that differ between the previous run and this one, when the snapshots were read without their
    /// ServiceAccounts (<see cref="SnapshotParts.Outline"/>); null: drift compares the snapshots' ServiceAccounts.
    /// </summary>
    public Core.Inventory.Drift.ServiceAccountChanges? BindingChanges { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>Category counts of one assessed run, for the trend across runs.</summary>
public sealed record RunHistoryPoint(long RunId, DateTimeOffset At, IReadOnlyDictionary<BindingCategory, int> Counts)
{
    public static RunHistoryPoint From(long runId, DateTimeOffset at, AssessmentResult assessment) => new(
        runId,
        at,
        assessment.Bindings.GroupBy(b => b.Category).ToDictionary(g => g.Key, g => g.Count()));

    public int Count(BindingCategory category) => Counts.TryGetValue(category, out var n) ? n : 0;
    public int Total => Counts.Values.Sum();
}
