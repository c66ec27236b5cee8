using Migrator.Core.Assessment;
using Migrator.Core.Planning;

namespace Migrator.Core.Progress;

/// <summary>
/// The identities the migration answers for: fixed when the first plan is created (every identity planned into a
/// migration phase, plus those already on Pod Identity), widened or narrowed afterwards only on purpose
/// (`migrator scope add/remove`), each change recorded with who and when. Later plans do not change it.
/// </summary>
public sealed record MigrationScope
{
    public required string FixedByPlanId { get; init; }
    public required long FixedFromRunId { get; init; }
    public required DateTimeOffset FixedAt { get; init; }
    /// <summary>Every membership, removed ones included (they keep counting for the runs before their removal).</summary>
    public IReadOnlyList<ScopeMember> Members { get; init; } = [];

    public IEnumerable<ScopeMember> Active => Members.Where(m => m.IsActive);

    /// <summary>The memberships the progress of a run counts: one per identity.</summary>
    public IReadOnlyList<ScopeMember> CountedIn(long runId) => Members.Where(m => m.CountsIn(runId)).DistinctBy(m => m.Key).ToList();

    /// <summary>
    /// The scope as the first plan fixes it: its canary and wave identities (Planned), and the identities its assessment
    /// found on Pod Identity (Native), counted from the plan's run.
    /// </summary>
    public static MigrationScope FixedBy(MigrationPlan plan, AssessmentResult assessment, DateTimeOffset at) => FixedBy(PlanDraft.Of(plan), assessment, at);

    /// <summary>The scope as the first plan fixes it, from a plan stored as it was built (its migrating bindings only).</summary>
    public static MigrationScope FixedBy(PlanDraft plan, AssessmentResult assessment, DateTimeOffset at) =>
        FixedBy(plan, assessment.Bindings.Where(b => b.OnPodIdentity).Select(b => b.Key).ToList(), at);

    /// <summary>
    /// The scope as the first plan fixes it, from the plan and the identities its assessment found on Pod Identity (in
    /// assessment order; <see cref="PlanBasis.OnPodIdentity"/>).
    /// </summary>
    public static MigrationScope FixedBy(PlanDraft plan, IReadOnlyList<Inventory.BindingKey> onPodIdentity, DateTimeOffset at)
    {
        const string by = "first plan";
        var (planId, planRunId) = (plan.Id, plan.Header.RunId);
        var plannedKeys = plan.Migrating.Select(b => b.Key).Distinct().ToList();
        var plannedSet = plannedKeys.ToHashSet();
        var members = plannedKeys.Select(k => new ScopeMember
            {
                Key = k, Origin = ScopeOrigin.Planned, PlanId = planId, FromRunId = planRunId, AddedAt = at, AddedBy = by,
            })
            .Concat(onPodIdentity.Where(k => !plannedSet.Contains(k)).Select(k => new ScopeMember
            {
                Key = k, Origin = ScopeOrigin.Native, FromRunId = planRunId, AddedAt = at, AddedBy = by,
            }))
            .ToList();
        return new MigrationScope { FixedByPlanId = planId, FixedFromRunId = planRunId, FixedAt = at, Members = members };
    }
}
