using System.Globalization;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// unused.no-recent-use (issue 17, dead roles): the identity's credentials were not used for
/// <see cref="AssessmentSettings.UnusedAfter"/> before the inventory. Judged on evidence only: the CloudTrail uses the
/// inventory recorded for the identity (when its look-back window was read without error) and IAM's RoleLastUsed of its
/// role (known when GetRole answered). Without either, nothing is said.
/// </summary>
internal sealed class NoRecentUseRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        var facts = b.Estate.Facts;
        var at = facts.CompletedAt ?? facts.StartedAt;
        var since = at - b.Settings.UnusedAfter;
        var usage = b.Estate.UsageOf(b.Key).FirstOrDefault(u => u.Error is null);
        var role = b.Role is { Exists: true, LookupError: null } r ? r : null;
        if (usage?.LastUsedAt is { } used && used >= since)
            yield break;
        // Evidence of no use since then: CloudTrail read over the whole period, or IAM's RoleLastUsed older than it.
        // A role without RoleLastUsed is not taken as never used (ListRoles and older snapshots do not carry it).
        var cloudTrailCovers = usage is not null && usage.WindowStart <= since;
        var iamStale = role?.LastUsedAt is { } last && last < since;
        if (!cloudTrailCovers && !iamStale)
            yield break;
        var window = usage is null ? "" : $"no AssumeRoleWithWebIdentity or AssumeRoleForPodIdentity in CloudTrail from {Time(usage.WindowStart)} to {Time(usage.WindowEnd)}; ";
        var iam = role?.LastUsedAt is { } lastUsed ? $"IAM RoleLastUsed of {role.Arn}: {Time(lastUsed)} ({role.LastUsedRegion}); " : "";
        yield return new Finding(ReasonCodes.NoRecentUse,
            "No recorded use of the identity's credentials in the window",
            $"{window}{iam}no use for more than {b.Settings.UnusedAfter.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} day(s) before the inventory at {Time(at)}",
            "Confirm with the owners that nothing needs the role, then delete the ServiceAccount's annotation and the role's trust subject instead of migrating them.");
    }

    private static string Time(DateTimeOffset t) => t.ToString("u", CultureInfo.InvariantCulture);
}
