using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Progress;

/// <summary>Where each identity of the scope stands in one run, and which ones regressed. Pure.</summary>
public static class ScopeProgressCalculator
{
    /// <param name="scope">The migration scope.</param>
    /// <param name="runId">The run asked about.</param>
    /// <param name="basis">The assessment progress is counted from (the latest complete run at or before <paramref name="runId"/>).</param>
    /// <param name="basisAt">When the basis run started.</param>
    /// <param name="history">Per identity: the last earlier run (since the scope was fixed) that found it on Pod Identity.</param>
    /// <param name="firstOff">Per regressed identity: the first run after that which found it off Pod Identity.</param>
    /// <param name="runStarts">When each run started.</param>
    public static ScopeProgress Compute(
        MigrationScope scope,
        long runId,
        AssessmentResult basis,
        DateTimeOffset basisAt,
        IReadOnlyDictionary<BindingKey, PodIdentityHistory> history,
        IReadOnlyDictionary<BindingKey, long> firstOff,
        IReadOnlyDictionary<long, DateTimeOffset> runStarts)
    {
        var byKey = basis.Bindings.ToDictionary(b => b.Key);
        var members = new List<MemberProgress>();
        var regressions = new List<Regression>();
        foreach (var member in scope.CountedIn(basis.RunId).OrderBy(m => m.Key.ToString(), StringComparer.Ordinal))
        {
            var b = byKey.GetValueOrDefault(member.Key);
            var wasOn = history.TryGetValue(member.Key, out var h) && h.LastOnRunId >= member.FromRunId;
            var progress = b is null ? IdentityProgress.Gone
                : b.OnPodIdentity ? IdentityProgress.OnPodIdentity
                : wasOn ? IdentityProgress.Regressed
                : AwaitsRestart(b) ? IdentityProgress.AwaitingRestart
                : IdentityProgress.NotYet;
            members.Add(new MemberProgress(member, progress, b));
            if (progress != IdentityProgress.Regressed) continue;
            var since = firstOff.TryGetValue(member.Key, out var off) ? off : basis.RunId;
            regressions.Add(RegressionOf(b!, h!.LastOnRunId, since, runStarts.TryGetValue(since, out var at) ? at : basisAt));
        }
        return new ScopeProgress
        {
            RunId = runId,
            BasisRunId = basis.RunId,
            BasisAt = basisAt,
            FixedByPlanId = scope.FixedByPlanId,
            FixedAt = scope.FixedAt,
            Members = members,
            Regressions = regressions.OrderBy(r => r.Since).ThenBy(r => r.Key.ToString(), StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>An association next to pods that still run on IRSA: done once the pods are recreated.</summary>
    public static bool AwaitsRestart(BindingAssessment b) =>
        b.AssociationRoleArn is not null && b.Reasons.Any(r => r.Code is ReasonCodes.RestartPending or ReasonCodes.CronJobRunPending);

    private static Regression RegressionOf(BindingAssessment b, long lastOn, long since, DateTimeOffset sinceAt)
    {
        if (b.AssociationRoleArn is null)
        {
            return new Regression
            {
                Key = b.Key,
                RoleArn = b.RoleArn,
                Codes = [Regression.AssociationDeleted],
                Why = $"the Pod Identity association of {b.Key.Display} is gone: its pods get IRSA credentials or none",
                Fix = "find who deleted it (CloudTrail DeletePodIdentityAssociation); plan the identity again ('migrator plan create'), or take it out of the scope on purpose ('migrator scope remove')",
                LastOnRunId = lastOn,
                SinceRunId = since,
                Since = sinceAt,
            };
        }
        // The reasons that now keep it off Pod Identity: the most severe ones, leftovers and the migrated marker aside.
        var candidates = b.Reasons.Where(r => !r.Code.StartsWith("cleanup.", StringComparison.Ordinal) && !r.Code.StartsWith("migrated.", StringComparison.Ordinal)).ToList();
        var max = candidates.Count == 0 ? ReasonSeverity.Info : candidates.Max(r => r.Severity);
        var decisive = candidates.Where(r => r.Severity == max).ToList();
        return new Regression
        {
            Key = b.Key,
            RoleArn = b.AssociationRoleArn,
            Codes = decisive.Count == 0 ? [b.Category.ToString()] : decisive.Select(r => r.Code).ToList(),
            Why = decisive.Count == 0
                ? $"assessed {b.Category}, no longer verified on Pod Identity"
                : string.Join("; ", decisive.Select(r => r.Evidence.Length == 0 ? r.Summary : $"{r.Summary} ({r.Evidence})")),
            Fix = string.Join("; ", decisive.Select(r => r.SuggestedAction).Where(a => a.Length > 0).Distinct()),
            LastOnRunId = lastOn,
            SinceRunId = since,
            Since = sinceAt,
        };
    }
}
