using Migrator.Core.Trust;
using static Migrator.Core.Tests.Trust.TrustPolicies;

namespace Migrator.Core.Tests.Trust;

public class TrustPolicyParserTests
{
    public static TheoryData<string, string> Accepted => new()
    {
        { "EKS user guide IRSA trust", EksUserGuide() },
        { "terraform-aws-modules multi-cluster", TerraformMultiCluster },
        { "eksctl migrated (compact)", EksctlMigrated },
        { "GitHub Actions OIDC", GitHubActions },
        // IAM user guide "Version": optional; 2008-10-17 is the older language version.
        { "no Version", """{"Statement":{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}}""" },
        { "Version 2008-10-17, Statement object", """{"Version":"2008-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}}""" },
        { "AWS principal list and account id", """{"Statement":[{"Sid":"Cross1","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root","444455556666"]},"Action":"sts:*"}]}""" },
        { "CanonicalUser and AWS *", """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"sts:AssumeRole"}]}""" },
        { "NotAction and NotPrincipal with Deny", """{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"NotAction":"sts:TagSession"},{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""" },
        { "every operator family", """
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{
              "StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"x"},"ForAnyValue:StringLike":{"aws:TagKeys":["a*"]},
              "ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]},"NumericLessThanEquals":{"aws:MultiFactorAuthAge":3600},
              "DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"},"Bool":{"aws:SecureTransport":true},
              "BinaryEquals":{"k":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="},"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8::/32"]},
              "NotIpAddress":{"aws:SourceIp":"198.51.100.7"},"ArnLikeIfExists":{"aws:PrincipalArn":"arn:aws:iam::*:role/ops-*"},
              "ArnNotEquals":{"aws:SourceArn":"arn:aws:eks:us-east-1:111122223333:cluster/x"},"Null":{"aws:TokenIssueTime":"false"},
              "StringEqualsIfExists":{"aws:RequestTag/env":"prod"}}}]}
            """ },
        { "China and GovCloud partitions", """{"Statement":[{"Effect":"Allow","Principal":{"Federated":["arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC","arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/DEF"]},"Action":"sts:AssumeRoleWithWebIdentity"}]}""" },
        { "URL-encoded as IAM GetRole returns it", Uri.EscapeDataString(EksctlMigrated) },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepts_documents_IAM_accepts(string name, string json)
    {
        var result = TrustPolicyParser.Parse(json);
        Assert.True(result.Success, $"{name}: {string.Join("; ", result.Errors)}");
    }

    public static TheoryData<string, string, int, int> Rejected => new()
    {
        // JSON syntax: missing comma between properties (line 1, column of the unexpected quote).
        { """{"Version":"2012-10-17" "Statement":[]}""", "JSON syntax error", 1, 25 },
        { "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}", "JSON syntax error", 3, 24 },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]} x""", "JSON syntax error", 1, 78 },
        { "", "JSON syntax error", 1, 1 },
        // Duplicate keys at every level.
        { "{\n\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"},\n\"Statement\":[]}", "duplicate key \"Statement\"", 3, 1 },
        { "{\"Statement\":[{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}", "duplicate key \"Effect\"", 1, 33 },
        { Statement("""{"StringEquals":{"a":"1"},"StringEquals":{"b":"2"}}"""), "duplicate key \"StringEquals\"", 1, 0 },
        { Statement("""{"StringEquals":{"k":"1","k":"2"}}"""), "duplicate key \"k\"", 1, 0 },
        // A key repeated in an object past the reader's scan limit (8 keys), and one repeated early in such an object.
        { Statement("""{"StringEquals":{"k1":"1","k2":"2","k3":"3","k4":"4","k5":"5","k6":"6","k7":"7","k8":"8","k9":"9","k3":"x"}}"""), "duplicate key \"k3\"", 1, 0 },
        { Statement("""{"StringEquals":{"k1":"1","k2":"2","k1":"x","k4":"4","k5":"5","k6":"6","k7":"7","k8":"8","k9":"9"}}"""), "duplicate key \"k1\"", 1, 0 },
        { """{"Statement":[{"Effect":"Allow","Principal":{"Federated":"a","Federated":"b"},"Action":"sts:AssumeRole"}]}""", "duplicate key \"Federated\"", 1, 0 },
        // Elements IAM refuses in a trust policy, or requires.
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}]}""", "prohibited field Resource", 1, 0 },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","NotResource":"*"}]}""", "prohibited field NotResource", 1, 0 },
        { """{"Statement":[{"Principal":"*","Action":"sts:AssumeRole"}]}""", "has no Effect", 1, 15 },
        { """{"Statement":[{"Effect":"allow","Principal":"*","Action":"sts:AssumeRole"}]}""", "Effect must be \"Allow\" or \"Deny\"", 1, 25 },
        { """{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}""", "has no Principal", 1, 15 },
        { """{"Statement":[{"Effect":"Allow","Principal":"*"}]}""", "has no Action", 1, 15 },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","NotAction":"sts:TagSession"}]}""", "both Action and NotAction", 1, 0 },
        { """{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""", "NotPrincipal with Allow", 1, 0 },
        { """{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""", "Version must be", 1, 12 },
        { """{"Version":"2012-10-17"}""", "no \"Statement\"", 1, 1 },
        { """{"Statement":[]}""", "Statement is empty", 1, 14 },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"AssumeRole"}]}""", "prefaced by a service", 1, 0 },
        { """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"sts:AssumeRole"}]}""", "invalid principal", 1, 0 },
        { """{"Statement":[{"Effect":"Allow","Principal":{"Aws":"111122223333"},"Action":"sts:AssumeRole"}]}""", "unknown principal type \"Aws\"", 1, 0 },
        { """{"Statement":[{"Sid":"my-sid","Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""", "ASCII letters and digits", 1, 0 },
        { """{"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},{"Sid":"A","Effect":"Allow","Principal":"*","Action":"sts:TagSession"}]}""", "repeats Sid \"A\"", 1, 0 },
        { """{"Statement":[{"effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}""", "unknown element \"effect\"", 1, 0 },
        // Condition operators.
        { Statement("""{"StringEqual":{"k":"v"}}"""), "unknown condition operator \"StringEqual\"; did you mean \"StringEquals\"?", 1, 0 },
        { Statement("""{"NullIfExists":{"k":"true"}}"""), "unknown condition operator \"NullIfExists\"", 1, 0 },
        { Statement("""{"ForSomeValues:StringLike":{"k":"v"}}"""), "unknown condition operator", 1, 0 },
        { Statement("""{"NumericEquals":{"k":"ten"}}"""), "not a number", 1, 0 },
        { Statement("""{"StringEquals":{"k":[]}}"""), "empty array", 1, 0 },
        { Statement("""{"StringEquals":{"k":null}}"""), "must be a string", 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_what_IAM_rejects_with_position(string json, string message, int line, int column)
    {
        var result = TrustPolicyParser.Parse(json);
        Assert.False(result.Success);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, error.Line);
        if (column > 0)
            Assert.Equal(column, error.Column);
        else
            Assert.NotNull(error.Column);
    }

    [Fact]
    public void Reports_every_problem_of_a_document_at_once()
    {
        var result = TrustPolicyParser.Parse("""{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"sts:AssumeRole","Resource":"*"},{"Principal":"*","Action":"x"}]}""");
        Assert.False(result.Success);
        Assert.True(result.Errors.Count >= 4, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Duplicate_key_error_names_both_positions()
    {
        var json = "{\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Principal\": \"*\",\n    \"Action\": \"sts:AssumeRole\",\n    \"Effect\": \"Deny\"\n  }]\n}";
        var error = Assert.Single(TrustPolicyParser.Parse(json).Errors);
        Assert.Equal((6, 5), (error.Line, error.Column));
        Assert.Contains("line 3, column 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        var json = "{\"Id\":\"é€\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
        var error = Assert.Single(TrustPolicyParser.Parse(json).Errors);
        Assert.Equal(json.IndexOf("\"Resource\"", StringComparison.Ordinal) + 1, error.Column);
    }

    [Fact]
    public void Reads_statement_parts_and_keeps_condition_key_case()
    {
        var policy = Parse(GitHubActions);
        var first = policy.Statements[0];
        Assert.Equal(1, first.Number);
        Assert.Equal(PolicyEffect.Allow, first.Effect);
        Assert.Equal(["sts:AssumeRoleWithWebIdentity"], first.Actions);
        Assert.Equal(2, first.Conditions.Count);
        Assert.Equal(ConditionOperatorKind.StringLike, first.Conditions[1].Operator.Kind);
        Assert.Equal("token.actions.githubusercontent.com:sub", first.Conditions[1].Key);
    }

    [Fact]
    public void Condition_values_may_be_numbers_and_booleans()
    {
        var policy = Parse(Statement("""{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"aws:MultiFactorAuthAge":[3600, 7200.5]}}"""));
        Assert.Equal(["true"], policy.Statements[0].Conditions[0].Values);
        Assert.Equal(["3600", "7200.5"], policy.Statements[0].Conditions[1].Values);
    }

    [Fact]
    public void Parses_operator_prefixes_and_suffixes()
    {
        var op = ConditionOperator.TryParse("ForAllValues:StringNotLikeIfExists", out var error);
        Assert.Null(error);
        Assert.Equal((ConditionOperatorKind.StringNotLike, true, SetQualifier.ForAllValues, true), (op!.Kind, op.IfExists, op.Qualifier, op.IsNegated));
    }
}
