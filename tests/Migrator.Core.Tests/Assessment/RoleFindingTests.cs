using Migrator.Core.Assessment;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

public class RoleFindingTests
{
    private static readonly string Role = RoleArnOf("orders");

    private static AssessmentResult WithTrust(string trust) =>
        AssessmentKit.Assess(new SnapshotBuilder().Binding(East, "shop", "orders", Role).Role(Role, r => r with { TrustPolicy = trust }));

    [Fact]
    public void String_like_wildcard_subject_is_a_security_finding()
    {
        var result = WithTrust(new TrustDocBuilder().Irsa(Prod, Issuer(East), "system:serviceaccount:shop:*", op: "StringLike").Build());
        var f = Assert.Single(result.RoleFindings, f => f.Code == ReasonCodes.SecurityWildcardSubject);
        Assert.Equal(Role, f.RoleArn);
        Assert.Contains($"statement 1 trusts issuer {Issuer(East)}", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("StringLike sub 'system:serviceaccount:shop:*'", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_aud_condition_is_a_security_finding()
    {
        var result = WithTrust(new TrustDocBuilder().Irsa(Prod, Issuer(East), "system:serviceaccount:shop:orders", audience: null).Build());
        var f = Assert.Single(result.RoleFindings, f => f.Code == ReasonCodes.SecurityMissingAudience);
        Assert.Contains($"without an {Issuer(East)}:aud condition", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_subject_is_a_blocking_security_finding()
    {
        var result = WithTrust(new TrustDocBuilder().Irsa(Prod, Issuer(East), "*", op: "StringLike").Build());
        Assert.Equal(ReasonSeverity.Blocker, Assert.Single(result.RoleFindings, f => f.Code == ReasonCodes.SecurityAnySubject).Severity);
    }

    [Fact]
    public void Exact_subject_with_audience_has_no_security_finding()
    {
        var result = AssessmentKit.Assess(new SnapshotBuilder().Binding(East, "shop", "orders", Role));
        Assert.Empty(result.RoleFindings);
    }
}
