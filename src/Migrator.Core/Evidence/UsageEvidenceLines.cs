using System.Globalization;
using Migrator.Core.Inventory;

namespace Migrator.Core.Evidence;

/// <summary>An identity's recorded use as lines of evidence for people (explain, reports).</summary>
public static class UsageEvidenceLines
{
    public static IReadOnlyList<string> Of(IdentityUsage? usage, RoleRecord? role)
    {
        var lines = new List<string>();
        if (usage is not null)
        {
            var window = $"{Time(usage.WindowStart)} .. {Time(usage.WindowEnd)}";
            if (usage.Error is not null)
                lines.Add($"CloudTrail ({window}): not read: {usage.Error}");
            else
            {
                lines.Add($"CloudTrail ({window}): {usage.IrsaCount} IRSA use(s) (AssumeRoleWithWebIdentity), {usage.PodIdentityCount} Pod Identity use(s) (AssumeRoleForPodIdentity)");
                if (usage.LastIrsaSource is not null)
                    lines.Add($"last IRSA use: {usage.LastIrsaSource}");
                if (usage.LastPodIdentitySource is not null)
                    lines.Add($"last Pod Identity use: {usage.LastPodIdentitySource}");
            }
        }
        if (role is { Exists: true })
            lines.Add(role.LastUsedAt is { } last
                ? $"IAM RoleLastUsed of {role.Arn}: {Time(last)} in {role.LastUsedRegion}"
                : $"IAM RoleLastUsed of {role.Arn}: none recorded");
        return lines;
    }

    private static string Time(DateTimeOffset t) => t.ToString("u", CultureInfo.InvariantCulture);
}
