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
    public static MigrationScope FixedBy(MigrationPlan plan, AssessmentResult assessment, DateTimeOffset at)
    {
        const string by = "first plan";
        var planned = plan.Phases.Where(p => p.Kind is PhaseKind.Canary or PhaseKind.Wave)
            .SelectMany(p => p.Bindings).Select(b => b.Key).Distinct().ToList();
        var plannedSet = planned.ToHashSet();
        var members = planned.Select(k => new ScopeMember
            {
                Key = k, Origin = ScopeOrigin.Planned, PlanId = plan.Id, FromRunId = plan.RunId, AddedAt = at, AddedBy = by,
            })
            .Concat(assessment.Bindings.Where(b => b.OnPodIdentity && !plannedSet.Contains(b.Key)).Select(b => new ScopeMember
            {
                Key = b.Key, Origin = ScopeOrigin.Native, FromRunId = plan.RunId, AddedAt = at, AddedBy = by,
            }))
            .ToList();
        return new MigrationScope { FixedByPlanId = plan.Id, FixedFromRunId = plan.RunId, FixedAt = at, Members = members };
    }
}
