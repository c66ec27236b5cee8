using Migrator.Core.Trust;
using static Migrator.Core.Tests.Trust.TrustPolicies;

namespace Migrator.Core.Tests.Trust;

public class TrustedSubjectsTests
{
    [Fact]
    public void Lists_exact_service_accounts_per_cluster_with_audiences()
    {
        var subjects = TrustedSubjects.Of(Parse(TerraformMultiCluster));
        Assert.Equal(3, subjects.Count);
        Assert.All(subjects, s => Assert.Equal(TrustedSubjectKind.ExactServiceAccount, s.Kind));
        Assert.Equal([(Issuer1, "prod", "worker", 1)], subjects.Where(s => s.ServiceAccount == "worker").Select(s => (s.Issuer, s.Namespace!, s.ServiceAccount!, s.StatementIndex)));
        var second = subjects.Single(s => s.Issuer == Issuer2);
        Assert.Equal(("111122223333", Provider(Issuer2), 2), (second.ProviderAccount, second.ProviderArn, second.StatementIndex));
        Assert.Equal(["sts.amazonaws.com"], second.Audiences);
    }

    public static TheoryData<string, TrustedSubjectKind, string?, string?> Patterns => new()
    {
        { "system:serviceaccount:prod:*", TrustedSubjectKind.NamespaceWildcard, "prod", null },
        { "system:serviceaccount:*", TrustedSubjectKind.AnyServiceAccount, null, null },
        { "*", TrustedSubjectKind.AnyServiceAccount, null, null },
        { "system:serviceaccount:*:api", TrustedSubjectKind.Pattern, null, null },
        { "system:serviceaccount:prod:api-*", TrustedSubjectKind.Pattern, "prod", null },
        { "system:serviceaccount:prod:api", TrustedSubjectKind.ExactServiceAccount, "prod", "api" },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Classifies_string_like_patterns(string pattern, TrustedSubjectKind kind, string? ns, string? sa)
    {
        var subject = Assert.Single(TrustedSubjects.Of(Parse(Statement($$$"""{"StringLike":{"{{{Issuer1}}}:sub":"{{{pattern}}}"}}"""))));
        Assert.Equal((kind, ns, sa, pattern), (subject.Kind, subject.Namespace, subject.ServiceAccount, subject.Pattern));
        Assert.Empty(subject.Audiences);
    }

    [Fact]
    public void No_sub_condition_trusts_any_service_account()
    {
        var subject = Assert.Single(TrustedSubjects.Of(Parse(Statement($$$"""{"StringEquals":{"{{{Issuer1}}}:aud":"sts.amazonaws.com"}}"""))));
        Assert.Equal((TrustedSubjectKind.AnyServiceAccount, "*"), (subject.Kind, subject.Pattern));
    }

    [Fact]
    public void GitHub_actions_is_not_kubernetes()
    {
        var subjects = TrustedSubjects.Of(Parse(GitHubActions));
        var github = subjects.Single(s => s.Issuer == GitHub);
        Assert.Equal((TrustedSubjectKind.NonKubernetes, "repo:octo-org/octo-repo:*", (string?)null), (github.Kind, github.Pattern, github.Namespace));
        Assert.Equal(TrustedSubjectKind.ExactServiceAccount, subjects.Single(s => s.Issuer == Issuer1).Kind);
    }

    [Fact]
    public void Ignores_deny_statements_and_service_principals()
    {
        var subjects = TrustedSubjects.Of(Parse($$"""
            {"Statement":[{"Effect":"Deny","Principal":{"Federated":"{{Provider(Issuer1)}}"},"Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}
            """));
        Assert.Empty(subjects);
    }
}
