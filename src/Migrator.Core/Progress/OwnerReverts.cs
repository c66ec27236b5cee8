using Migrator.Core.Assessment;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Progress;

/// <summary>
/// The revert guard (issue 16): after a binding moved, an owner that did not learn of the change puts its own
/// configuration back at its next apply or sync. Regressions off Pod Identity (trust lost the pods.eks.amazonaws.com
/// statement, association gone) get the role's owner named; a cleanup reverted while the pods stay on Pod Identity (the
/// annotation back on a cleaned-up ServiceAccount, the IRSA subject back in the trust) becomes a regression of its own,
/// naming the ServiceAccount's or the role's owner. Pure: the plan and its journal say what moved.
/// </summary>
public static class OwnerReverts
{
    public static ScopeProgress Apply(ScopeProgress progress, MigrationPlan plan, IReadOnlyList<JournalEntry> journal) =>
        Apply(progress, plan.Phases.SelectMany(p => p.Bindings), journal);

    /// <summary>
    /// Whether the guard can change anything: a regression to name an owner for, or a cleanup the journal recorded.
    /// Otherwise the plan's bindings need not be read (a plan of 20,000 bindings is tens of megabytes in memory).
    /// </summary>
    public static bool Matters(ScopeProgress progress, IReadOnlyList<JournalEntry> journal) =>
        progress.Regressions.Count > 0 || Cleanups(journal).Any();

    /// <param name="progress">Progress as computed from the stores.</param>
    /// <param name="plannedBindings">The plan's bindings, phase by phase (the first of a key counts).</param>
    /// <param name="journal">The plan's journal.</param>
    /// <remarks>What the basis run found of each identity is the members' <see cref="MemberVerdict"/>: the guard reads no assessment.</remarks>
    public static ScopeProgress Apply(ScopeProgress progress, IEnumerable<PlannedBinding> plannedBindings, IReadOnlyList<JournalEntry> journal)
    {
        var planned = plannedBindings.GroupBy(b => b.Key).ToDictionary(g => g.Key, g => g.First());
        var regressions = progress.Regressions.Select(r => planned.TryGetValue(r.Key, out var b) && b.RoleOwner is { } owner
            ? r with
            {
                Owner = owner.Display,
                Why = $"{r.Why}; the role is managed by {owner.Display} ({owner.Evidence}): its last apply may have put back its own trust policy or dropped the association",
                Fix = $"{r.Fix}; make the change in {owner.Display}'s configuration (the change-set the plan wrote) so its next apply keeps it",
            }
            : r).ToList();

        // Only the migration scope counts: an identity taken out of it on purpose is nobody's regression.
        var assessed = progress.Members.Where(m => m.Verdict is not null).ToDictionary(m => m.Member.Key, m => m.Verdict!);
        var cleanups = Cleanups(journal)
            .GroupBy(e => (e.Binding!, Annotation: e.StepKind.Step is StepKind.RemoveIrsaAnnotations or StepKind.AnnotationsChangeSet))
            .Select(g => g.OrderBy(e => e.Id).Last());
        var seen = regressions.Select(r => r.Key).ToHashSet();
        foreach (var e in cleanups.OrderBy(e => e.Binding!.ToString(), StringComparer.Ordinal))
        {
            var key = e.Binding!;
            if (seen.Contains(key) || !assessed.TryGetValue(key, out var b))
                continue;
            planned.TryGetValue(key, out var p);
            var annotation = e.StepKind.Step is StepKind.RemoveIrsaAnnotations or StepKind.AnnotationsChangeSet;
            if (annotation ? !b.IrsaAnnotated : !b.IrsaTrustSubjectLeft)
                continue;
            var owner = annotation ? p?.ServiceAccountOwner : p?.RoleOwner;
            var who = owner is null ? "someone (no owner was found for it)" : $"{owner.Display} ({owner.Evidence})";
            regressions.Add(new Regression
            {
                Key = key,
                RoleArn = b.AssociationRoleArn ?? b.RoleArn,
                Codes = [annotation ? Regression.AnnotationReverted : Regression.TrustSubjectReverted],
                Owner = owner?.Display,
                Why = annotation
                    ? $"the IRSA annotation is back on ServiceAccount {key.Display}, cleaned up in phase {e.Phase}: {who} put it back"
                    : $"the IRSA subject of {key.Display} is back in the trust policy of {e.RoleArn}, removed in phase {e.Phase}: {who} put it back",
                Fix = owner is null
                    ? $"find who changed it; roll the cleanup back ('migrator phase rollback {e.Phase}') or run it again"
                    : $"put the cleanup into {owner.Display}'s {(annotation ? "source (Helm values or kustomize patch)" : "configuration")} (the change-set of phase {e.Phase}), or roll the cleanup back ('migrator phase rollback {e.Phase}')",
                LastOnRunId = progress.BasisRunId,
                SinceRunId = progress.BasisRunId,
                Since = progress.BasisAt,
            });
            seen.Add(key);
        }
        return progress with { Regressions = regressions.OrderBy(r => r.Since).ThenBy(r => r.Key, BindingKeyTextOrder.Instance).ToList() };
    }

    /// <summary>Cleanups that ran and were not rolled back: annotations removed, IRSA trust subjects removed, or their change-sets.</summary>
    private static IEnumerable<JournalEntry> Cleanups(IReadOnlyList<JournalEntry> journal)
    {
        var undone = journal.Where(e => e.Direction == JournalDirection.Rollback && e.IsDone && e.UndoesEntryId is not null).Select(e => e.UndoesEntryId!.Value).ToHashSet();
        return journal.Where(e => e.Direction == JournalDirection.Forward && e.Status == JournalStatus.Succeeded && e.Binding is not null && !undone.Contains(e.Id))
            .Where(e => e.StepKind.Step is StepKind.RemoveIrsaAnnotations or StepKind.AnnotationsChangeSet or StepKind.RemoveIrsaTrustSubject or StepKind.TrustSubjectChangeSet);
    }
}
