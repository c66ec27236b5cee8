using Migrator.Core.Assessment;
using Migrator.Core.Evidence;
using Migrator.Core.Inventory;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

/// <summary>Issue 17: unused.no-recent-use, judged on CloudTrail and IAM RoleLastUsed evidence only.</summary>
public sealed class NoRecentUseTests
{
    private static readonly string Role = RoleArnOf("orders");
    private static readonly BindingKey Orders = new(East, "shop", "orders");

    private static BindingAssessment Assess(Func<RoleRecord, RoleRecord>? role = null, IdentityUsage? usage = null)
    {
        var builder = new SnapshotBuilder().Binding(East, "shop", "orders", Role);
        if (role is not null)
            builder.Role(Role, role);
        var snapshot = builder.Build() with { Usage = usage is null ? [] : [usage] };
        return Assessor.Assess(snapshot, new AssessmentSettings { UnusedAfter = TimeSpan.FromDays(90) }, At).Binding(East, "shop", "orders");
    }

    private static IdentityUsage Window(int days, DateTimeOffset? lastIrsa = null) => new()
    {
        Key = Orders, RoleArn = Role, WindowStart = At.AddDays(-days), WindowEnd = At.AddMinutes(-1), LastIrsaAt = lastIrsa, IrsaCount = lastIrsa is null ? 0 : 1,
    };

    [Fact]
    public void Role_last_used_long_ago_is_unused_with_the_date_as_evidence()
    {
        var b = Assess(r => r with { LastUsedAt = At.AddDays(-200), LastUsedRegion = "us-east-1" });

        Assert.Equal(BindingCategory.Unused, b.Category);
        Assert.Contains("IAM RoleLastUsed of", b.Reason(ReasonCodes.NoRecentUse).Evidence, StringComparison.Ordinal);
        Assert.Contains("(us-east-1)", b.Reason(ReasonCodes.NoRecentUse).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_used_recently_is_not_unused()
    {
        Assert.False(Assess(r => r with { LastUsedAt = At.AddDays(-3) }).Has(ReasonCodes.NoRecentUse));
    }

    [Fact]
    public void Cloudtrail_covering_the_whole_period_without_a_use_is_evidence_enough()
    {
        var b = Assess(usage: Window(100));

        Assert.True(b.Has(ReasonCodes.NoRecentUse));
        Assert.Contains("no AssumeRoleWithWebIdentity or AssumeRoleForPodIdentity in CloudTrail", b.Reason(ReasonCodes.NoRecentUse).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_cloudtrail_window_alone_proves_nothing()
    {
        Assert.False(Assess(usage: Window(7)).Has(ReasonCodes.NoRecentUse));
    }

    [Fact]
    public void A_cloudtrail_use_in_the_window_wins_over_a_stale_role_last_used()
    {
        Assert.False(Assess(r => r with { LastUsedAt = At.AddDays(-200) }, Window(7, At.AddDays(-1))).Has(ReasonCodes.NoRecentUse));
    }

    [Fact]
    public void Without_evidence_nothing_is_said()
    {
        Assert.False(Assess().Has(ReasonCodes.NoRecentUse));
        Assert.False(Assess(usage: Window(100) with { Error = "AccessDenied" }).Has(ReasonCodes.NoRecentUse));
    }
}
