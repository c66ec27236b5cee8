using Migrator.Core.Trust;
using static Migrator.Core.Tests.Trust.TrustPolicies;

namespace Migrator.Core.Tests.Trust;

public class TrustEvaluatorTests
{
    private const string Sub1 = Issuer1 + ":sub";
    private const string Aud1 = Issuer1 + ":aud";

    public static TheoryData<string, string, IrsaRequest, bool> IrsaCases => new()
    {
        // EKS user guide policy: exactly one service account, default audience.
        { "user guide: the named SA", EksUserGuide(), Irsa("default", "my-service-account"), true },
        { "user guide: other SA", EksUserGuide(), Irsa("default", "other"), false },
        { "user guide: other namespace", EksUserGuide(), Irsa("prod", "my-service-account"), false },
        { "user guide: wrong audience (re:Post 'Incorrect token audience' family)", EksUserGuide(), Irsa("default", "my-service-account", audience: "vault"), false },
        { "user guide: provider in another account", EksUserGuide(), Irsa("default", "my-service-account", account: "999999999999"), false },
        { "user guide: another cluster's issuer", EksUserGuide(), Irsa("default", "my-service-account", issuer: Issuer2), false },
        { "issuer given with https:// prefix", EksUserGuide(), Irsa("default", "my-service-account", issuer: "https://" + Issuer1), true },
        // terraform-aws-modules: one statement per cluster, list of SAs OR-ed.
        { "terraform: cluster 1 api", TerraformMultiCluster, Irsa("prod", "api"), true },
        { "terraform: cluster 1 worker", TerraformMultiCluster, Irsa("prod", "worker"), true },
        { "terraform: cluster 2 api", TerraformMultiCluster, Irsa("prod", "api", issuer: Issuer2), true },
        { "terraform: cluster 2 worker not listed", TerraformMultiCluster, Irsa("prod", "worker", issuer: Issuer2), false },
        // Common mistake: a wildcard under StringEquals is literal (EKS user guide: use StringLike for wildcards).
        { "StringEquals with * is literal", Statement($$$$"""{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:*"}}"""), Irsa("prod", "api"), false },
        { "StringLike namespace wildcard", Statement($$$$"""{"StringLike":{"{{{{Sub1}}}}":"system:serviceaccount:prod:*"}}"""), Irsa("prod", "api"), true },
        { "StringLike * crosses colons", Statement($$$$"""{"StringLike":{"{{{{Sub1}}}}":"system:*"}}"""), Irsa("prod", "api"), true },
        { "StringLike ? is one character", Statement($$$$"""{"StringLike":{"{{{{Sub1}}}}":"system:serviceaccount:prod:ap?"}}"""), Irsa("prod", "api"), true },
        { "StringLike ? is not two characters", Statement($$$$"""{"StringLike":{"{{{{Sub1}}}}":"system:serviceaccount:prod:a?"}}"""), Irsa("prod", "api"), false },
        // Condition keys are case-insensitive, values case-sensitive.
        { "key case differs", Statement($$$$"""{"StringEquals":{"{{{{Sub1.ToUpperInvariant()}}}}":"system:serviceaccount:prod:api"}}"""), Irsa("prod", "api"), true },
        { "value case differs", Statement($$$$"""{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:Prod:api"}}"""), Irsa("prod", "api"), false },
        { "IgnoreCase operator", Statement($$$$"""{"StringEqualsIgnoreCase":{"{{{{Sub1}}}}":"SYSTEM:serviceaccount:PROD:API"}}"""), Irsa("prod", "api"), true },
        // Mistake: the key carries https:// — never present in the request, so StringEquals fails.
        { "key with https:// prefix never matches", Statement($$$$"""{"StringEquals":{"https://{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}"""), Irsa("prod", "api"), false },
        // Explicit Deny wins.
        { "Deny overrides Allow", $$$$"""
            {"Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{Provider(Issuer1)}}}}"},"Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Deny","Principal":"*","Action":"sts:*","Condition":{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}}]}
            """, Irsa("prod", "api"), false },
        { "Deny not matching leaves Allow", $$$$"""
            {"Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{Provider(Issuer1)}}}}"},"Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Deny","Principal":"*","Action":"sts:*","Condition":{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}}]}
            """, Irsa("prod", "web"), true },
        // Negated operators: NOR over values; true when the key is absent.
        { "StringNotEquals excludes listed", Statement($$$$"""{"StringNotEquals":{"{{{{Sub1}}}}":["system:serviceaccount:prod:api","system:serviceaccount:prod:x"]}}"""), Irsa("prod", "api"), false },
        { "StringNotEquals admits others", Statement($$$$"""{"StringNotEquals":{"{{{{Sub1}}}}":["system:serviceaccount:prod:api","system:serviceaccount:prod:x"]}}"""), Irsa("prod", "web"), true },
        { "StringNotLike on absent key is true", Statement("""{"StringNotLike":{"aws:PrincipalTag/team":"x*"}}"""), Irsa("prod", "api"), true },
        { "StringEquals on absent key is false", Statement("""{"StringEquals":{"aws:PrincipalTag/team":"x"}}"""), Irsa("prod", "api"), false },
        // IfExists: absent key is true, present key is checked.
        { "IfExists on absent key", Statement("""{"StringEqualsIfExists":{"aws:PrincipalTag/team":"x"}}"""), Irsa("prod", "api"), true },
        { "IfExists on present key checks it", Statement($$$$"""{"StringEqualsIfExists":{"{{{{Aud1}}}}":"vault"}}"""), Irsa("prod", "api"), false },
        // Set operators on absent keys: ForAllValues true, ForAnyValue false.
        { "ForAllValues on absent key", Statement("""{"ForAllValues:StringEquals":{"aws:TagKeys":"x"}}"""), Irsa("prod", "api"), true },
        { "ForAnyValue on absent key", Statement("""{"ForAnyValue:StringEquals":{"aws:TagKeys":"x"}}"""), Irsa("prod", "api"), false },
        { "ForAnyValue on the sub", Statement($$$$"""{"ForAnyValue:StringLike":{"{{{{Sub1}}}}":["system:serviceaccount:prod:*"]}}"""), Irsa("prod", "api"), true },
        // Null: true means absent.
        { "Null true on absent key", Statement("""{"Null":{"aws:PrincipalTag/team":"true"}}"""), Irsa("prod", "api"), true },
        { "Null true on present key", Statement($$$$"""{"Null":{"{{{{Sub1}}}}":"true"}}"""), Irsa("prod", "api"), false },
        { "Null false on present key", Statement($$$$"""{"Null":{"{{{{Sub1}}}}":"false"}}"""), Irsa("prod", "api"), true },
        // AND across operators and keys.
        { "AND across operators", Statement($$$$"""{"StringLike":{"{{{{Sub1}}}}":"system:serviceaccount:prod:*"},"StringEquals":{"{{{{Aud1}}}}":"sts.amazonaws.com"}}"""), Irsa("prod", "api"), true },
        { "AND across operators, one fails", Statement($$$$"""{"StringLike":{"{{{{Sub1}}}}":"system:serviceaccount:prod:*"},"StringNotEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}"""), Irsa("prod", "api"), false },
        // Action matching: wildcards, case-insensitive; NotAction.
        { "action sts:*", Statement($$$$"""{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}""", action: "\"sts:*\""), Irsa("prod", "api"), true },
        { "action case-insensitive", Statement($$$$"""{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}""", action: "\"STS:assumerolewithwebidentity\""), Irsa("prod", "api"), true },
        { "action sts:AssumeRole does not cover web identity", Statement($$$$"""{"StringEquals":{"{{{{Sub1}}}}":"system:serviceaccount:prod:api"}}""", action: "\"sts:AssumeRole\""), Irsa("prod", "api"), false },
        { "NotAction excluding another action", $$$$"""{"Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{Provider(Issuer1)}}}}"},"NotAction":"sts:TagSession"}]}""", Irsa("prod", "api"), true },
        { "NotAction excluding this action", $$$$"""{"Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{Provider(Issuer1)}}}}"},"NotAction":"sts:AssumeRoleWith*"}]}""", Irsa("prod", "api"), false },
        // Principals.
        { "Principal * admits web identity", """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"}]}""", Irsa("prod", "api"), true },
        { "AWS * equals *", """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRoleWithWebIdentity"}]}""", Irsa("prod", "api"), true },
        { "Service principal does not admit web identity", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:*"}]}""", Irsa("prod", "api"), false },
        { "NotPrincipal Deny excluding the provider", $$$$"""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Deny","NotPrincipal":{"Federated":"{{{{Provider(Issuer1)}}}}"},"Action":"sts:*"}]}
            """, Irsa("prod", "api"), true },
        { "NotPrincipal Deny hitting another provider", $$$$"""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"},
            {"Effect":"Deny","NotPrincipal":{"Federated":"{{{{Provider(Issuer1)}}}}"},"Action":"sts:*"}]}
            """, Irsa("prod", "api", issuer: Issuer2), false },
        // Partitions: the provider ARN carries the partition.
        { "aws-cn provider", $$$$"""{"Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC:sub":"system:serviceaccount:a:b"}}}]}""",
            Irsa("a", "b", issuer: "oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC", partition: "aws-cn"), true },
        { "aws-us-gov provider asked as aws", $$$$"""{"Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/ABC"},"Action":"sts:AssumeRoleWithWebIdentity"}]}""",
            Irsa("a", "b", issuer: "oidc.eks.us-gov-west-1.amazonaws.com/id/ABC", partition: "aws"), false },
        // Cross-account: the provider lives in the role's account; another account's provider is another principal.
        { "cross-account provider listed", $$$$"""{"Statement":[{"Effect":"Allow","Principal":{"Federated":"{{{{Provider(Issuer1, "444455556666")}}}}"},"Action":"sts:AssumeRoleWithWebIdentity"}]}""",
            Irsa("a", "b", account: "444455556666"), true },
        // GitHub Actions statement never admits a Kubernetes subject.
        { "GitHub statement vs cluster SA", GitHubActions, Irsa("ci", "runner"), true },
        { "GitHub issuer with an SA subject", GitHubActions, Irsa("ci", "runner", issuer: GitHub), false },
        // Numeric/Date/Bool/IP on keys the IRSA request lacks: false (positive), true (negated).
        { "NotIpAddress on absent key", Statement("""{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"""), Irsa("a", "b"), true },
        { "DateLessThan on absent key", Statement("""{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}"""), Irsa("a", "b"), false },
        { "ArnNotLike on absent key", Statement("""{"ArnNotLike":{"aws:SourceArn":"arn:aws:*:*:*:*"}}"""), Irsa("a", "b"), true },
    };

    [Theory]
    [MemberData(nameof(IrsaCases))]
    public void Irsa_decisions_follow_IAM(string name, string policy, IrsaRequest request, bool allowed)
    {
        var decision = TrustEvaluator.EvaluateIrsa(Parse(policy), request);
        Assert.True(allowed == decision.Allowed, $"{name}: expected {(allowed ? "allowed" : "denied")}; {decision.Summary}\n{string.Join("\n", decision.Statements.Select(s => s.Explanation))}");
    }

    [Fact]
    public void Explains_a_denial_in_words_a_person_can_act_on()
    {
        var decision = TrustEvaluator.EvaluateIrsa(Parse(TerraformMultiCluster), Irsa("prod", "web", issuer: Issuer2));
        Assert.False(decision.Allowed);
        var second = decision.Statements[1];
        Assert.Equal((2, "EksCluster2", "Allow", false), (second.Index, second.Sid, second.Effect, second.Matched));
        Assert.Equal(
            $"statement 2 (Sid EksCluster2) does not apply: condition StringEquals {Issuer2}:sub requires one of [system:serviceaccount:prod:api] but the request has system:serviceaccount:prod:web",
            second.Explanation);
        Assert.Contains("it trusts Federated [arn:aws:iam::111122223333:oidc-provider/" + Issuer1 + "]", decision.Statements[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("implicit deny", decision.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_names_the_denying_statement()
    {
        var policy = Parse($$$$"""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"},
            {"Sid":"NoProd","Effect":"Deny","Principal":"*","Action":"sts:*","Condition":{"StringLike":{"{{{{Sub1}}}}":"system:serviceaccount:prod:*"}}}]}
            """);
        var decision = TrustEvaluator.EvaluateIrsa(policy, Irsa("prod", "api"));
        Assert.False(decision.Allowed);
        Assert.Contains("statement 2 (Sid NoProd) explicitly denies", decision.Summary, StringComparison.Ordinal);
        Assert.Contains("denies sts:AssumeRoleWithWebIdentity", decision.Statements[1].Explanation, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> PodIdentityCases => new()
    {
        // EKS user guide pod-id-role: the plain statement.
        { "plain statement", """{"Version":"2012-10-17","Statement":[{"Sid":"AllowEksAuthToAssumeRoleForPodIdentity","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""", true },
        // Missing sts:TagSession: Pod Identity passes session tags, so AssumeRole alone is not enough.
        { "AssumeRole only", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", false },
        { "sts:* covers both", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:*"}]}""", true },
        // EKS user guide pod-id-role "Setting Conditions": namespace and service account tags.
        { "scoped to our namespace and SA", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":["prod"],"aws:RequestTag/kubernetes-service-account":["api"]}}}]}""", true },
        { "scoped to another SA", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/kubernetes-service-account":["web"]}}}]}""", false },
        { "scoped by cluster name and source account", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333","aws:RequestTag/eks-cluster-name":"blue"}}}]}""", true },
        { "ArnLike on cluster ARN tag", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"ArnLike":{"aws:RequestTag/eks-cluster-arn":"arn:aws:eks:*:111122223333:cluster/*"}}}]}""", true },
        { "ForAllValues on TagKeys limits the tags", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["eks-cluster-arn"]}}}]}""", false },
        { "Deny of TagSession wins", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]},{"Effect":"Deny","Principal":"*","Action":"sts:TagSession"}]}""", false },
        { "IRSA-only policy", EksUserGuide(), false },
    };

    [Theory]
    [MemberData(nameof(PodIdentityCases))]
    public void Pod_identity_readiness(string name, string policy, bool ready)
    {
        var decision = TrustEvaluator.EvaluatePodIdentity(Parse(policy), new PodIdentityRequest("arn:aws:eks:us-east-1:111122223333:cluster/blue", "prod", "api"));
        Assert.True(ready == decision.Allowed, $"{name}: {decision.Summary}");
    }

    [Fact]
    public void Pod_identity_summary_says_tag_session_is_missing()
    {
        var decision = TrustEvaluator.EvaluatePodIdentity(
            Parse("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""),
            new PodIdentityRequest("arn:aws:eks:us-east-1:111122223333:cluster/blue", "prod", "api"));
        Assert.Contains("sts:TagSession", decision.Summary, StringComparison.Ordinal);
        Assert.True(decision.AssumeRole.Allowed);
        Assert.False(decision.TagSession.Allowed);
    }

    [Theory]
    [InlineData("arn:aws:iam::*:role/ops-*", "arn:aws:iam::111122223333:role/ops-admin", true)]
    [InlineData("arn:aws:iam::111122223333:role/*", "arn:aws:iam::444455556666:role/x", false)]
    [InlineData("arn:aws:eks:*:*:cluster/*", "arn:aws:eks:us-east-1:111122223333:cluster/blue", true)]
    [InlineData("arn:aws:*", "arn:aws-cn:eks:cn-north-1:111122223333:cluster/blue", false)]
    public void Arn_like_matches_each_part(string pattern, string value, bool matches) =>
        Assert.Equal(matches, ConditionValueMatcher.Matches(ConditionOperatorKind.ArnLike, pattern, value));

    [Theory]
    [InlineData(ConditionOperatorKind.NumericLessThan, "3600", "60", true)]
    [InlineData(ConditionOperatorKind.NumericGreaterThanEquals, "10", "9.5", false)]
    [InlineData(ConditionOperatorKind.DateGreaterThan, "2020-01-01T00:00:00Z", "2021-06-01T00:00:00Z", true)]
    [InlineData(ConditionOperatorKind.DateLessThan, "1577836800", "2021-06-01T00:00:00Z", false)]
    [InlineData(ConditionOperatorKind.IpAddress, "203.0.113.0/24", "203.0.113.9", true)]
    [InlineData(ConditionOperatorKind.IpAddress, "203.0.113.0/24", "198.51.100.1", false)]
    [InlineData(ConditionOperatorKind.IpAddress, "203.0.113.77/25", "203.0.113.9", true)]
    [InlineData(ConditionOperatorKind.IpAddress, "2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData(ConditionOperatorKind.IpAddress, "2001:db8::/32", "203.0.113.9", false)]
    [InlineData(ConditionOperatorKind.Bool, "true", "TRUE", true)]
    [InlineData(ConditionOperatorKind.StringLike, "a*b?c", "a:x:b-c", true)]
    public void Typed_operators_compare_by_type(ConditionOperatorKind kind, string policyValue, string requestValue, bool matches) =>
        Assert.Equal(matches, ConditionValueMatcher.Matches(kind, policyValue, requestValue));
}
