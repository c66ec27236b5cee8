using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Progress;

/// <summary>
/// Where each identity of the scope stands in the basis run, built from the basis's verdicts handed over one at a time
/// (<see cref="Add"/>, any order): it keeps each member's <see cref="MemberVerdict"/> and the whole verdict of the few
/// that regressed, never the assessment. A regression quotes its reasons' evidence and suggested actions: when the
/// verdicts came without them, <see cref="Explain"/> hands over the regressed identities' whole assessments. Pure.
/// </summary>
public sealed class ScopeProgressBuilder
{
    private readonly MigrationScope _scope;
    private readonly long _runId;
    private readonly long _basisRunId;
    private readonly DateTimeOffset _basisAt;
    private readonly IReadOnlyDictionary<BindingKey, PodIdentityHistory> _history;
    private readonly IReadOnlyList<ScopeMember> _counted;
    private readonly Dictionary<BindingKey, ScopeMember> _members;
    private readonly Dictionary<BindingKey, (MemberVerdict Verdict, IdentityProgress Progress)> _found = [];
    private readonly Dictionary<BindingKey, BindingAssessment> _regressed = [];

    /// <param name="scope">The migration scope.</param>
    /// <param name="runId">The run asked about.</param>
    /// <param name="basisRunId">The run progress is counted from (the latest complete run at or before <paramref name="runId"/>).</param>
    /// <param name="basisAt">When the basis run started.</param>
    /// <param name="history">Per identity: the last earlier run (since the scope was fixed) that found it on Pod Identity.</param>
    public ScopeProgressBuilder(MigrationScope scope, long runId, long basisRunId, DateTimeOffset basisAt, IReadOnlyDictionary<BindingKey, PodIdentityHistory> history)
    {
        (_scope, _runId, _basisRunId, _basisAt, _history) = (scope, runId, basisRunId, basisAt, history);
        _counted = scope.CountedIn(basisRunId);
        _members = _counted.ToDictionary(m => m.Key);
    }

    /// <summary>The regressed identities and the last run each was on Pod Identity: what the first run off it is looked up for.</summary>
    public IReadOnlyDictionary<BindingKey, long> Regressed => _regressed.Keys.ToDictionary(k => k, k => _history[k].LastOnRunId);

    /// <summary>Whether a regressed identity's verdict lacks the evidence its regression quotes.</summary>
    public bool NeedsExplaining(AssessmentParts parts) => _regressed.Count > 0 && parts != AssessmentParts.All;

    /// <summary>One verdict of the basis run; identities outside the scope are passed over.</summary>
    public void Add(BindingAssessment b)
    {
        if (!_members.TryGetValue(b.Key, out var member)) return;
        var wasOn = _history.TryGetValue(b.Key, out var h) && h.LastOnRunId >= member.FromRunId;
        var progress = b.OnPodIdentity ? IdentityProgress.OnPodIdentity
            : wasOn ? IdentityProgress.Regressed
            : AwaitsRestart(b) ? IdentityProgress.AwaitingRestart
            : IdentityProgress.NotYet;
        _found[b.Key] = (MemberVerdict.Of(b), progress);
        if (progress == IdentityProgress.Regressed) _regressed[b.Key] = b;
        else _regressed.Remove(b.Key);
    }

    /// <summary>The whole assessment of an identity: kept when it regressed (its regression quotes it), passed over otherwise.</summary>
    public void Explain(BindingAssessment whole)
    {
        if (_regressed.ContainsKey(whole.Key)) _regressed[whole.Key] = whole;
    }

    /// <param name="firstOff">Per regressed identity: the first run after its last run on Pod Identity that found it off.</param>
    /// <param name="runStarts">When each run started.</param>
    public ScopeProgress Build(IReadOnlyDictionary<BindingKey, long> firstOff, IReadOnlyDictionary<long, DateTimeOffset> runStarts)
    {
        var members = new List<MemberProgress>(_counted.Count);
        var regressions = new List<Regression>();
        foreach (var member in _counted.OrderBy(m => m.Key, BindingKeyTextOrder.Instance))
        {
            if (!_found.TryGetValue(member.Key, out var found))
            {
                members.Add(new MemberProgress(member, IdentityProgress.Gone, null));
                continue;
            }
            members.Add(new MemberProgress(member, found.Progress, found.Verdict));
            if (found.Progress != IdentityProgress.Regressed) continue;
            var since = firstOff.TryGetValue(member.Key, out var off) ? off : _basisRunId;
            regressions.Add(RegressionOf(_regressed[member.Key], _history[member.Key].LastOnRunId, since, runStarts.TryGetValue(since, out var at) ? at : _basisAt));
        }
        return new ScopeProgress
        {
            RunId = _runId,
            BasisRunId = _basisRunId,
            BasisAt = _basisAt,
            FixedByPlanId = _scope.FixedByPlanId,
            FixedAt = _scope.FixedAt,
            Members = members,
            Regressions = regressions.OrderBy(r => r.Since).ThenBy(r => r.Key, BindingKeyTextOrder.Instance).ToList(),
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
