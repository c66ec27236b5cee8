namespace Migrator.Core.Tests.Trust;

/// <summary>Trust policies from public sources, and builders for test documents.</summary>
internal static class TrustPolicies
{
    public const string Account = "111122223333";
    public const string Issuer1 = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    public const string Issuer2 = "oidc.eks.eu-west-1.amazonaws.com/id/5C2EE5A1B4C0D9E8F7A6B5C4D3E2F1A0";
    public const string GitHub = "token.actions.githubusercontent.com";

    public static string Provider(string issuer, string account = Account, string partition = "aws") =>
        $"arn:{partition}:iam::{account}:oidc-provider/{issuer}";

    /// <summary>EKS user guide, "Assign IAM roles to Kubernetes service accounts" (associate-service-account-role).</summary>
    public static string EksUserGuide(string issuer = Issuer1, string subject = "system:serviceaccount:default:my-service-account") => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {
                "Federated": "{{Provider(issuer)}}"
              },
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": {
                  "{{issuer}}:sub": "{{subject}}",
                  "{{issuer}}:aud": "sts.amazonaws.com"
                }
              }
            }
          ]
        }
        """;

    /// <summary>
    /// terraform-aws-modules/terraform-aws-iam modules/iam-role-for-service-accounts-eks/main.tf: one statement per
    /// OIDC provider (cluster), :sub values from namespace_service_accounts, :aud sts.amazonaws.com.
    /// </summary>
    public const string TerraformMultiCluster = $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/{{Issuer1}}" },
              "Condition": {
                "StringEquals": {
                  "{{Issuer1}}:sub": ["system:serviceaccount:prod:api", "system:serviceaccount:prod:worker"],
                  "{{Issuer1}}:aud": "sts.amazonaws.com"
                }
              }
            },
            {
              "Sid": "EksCluster2",
              "Effect": "Allow",
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/{{Issuer2}}" },
              "Condition": {
                "StringEquals": {
                  "{{Issuer2}}:sub": ["system:serviceaccount:prod:api"],
                  "{{Issuer2}}:aud": "sts.amazonaws.com"
                }
              }
            }
          ]
        }
        """;

    /// <summary>
    /// eksctl (pkg/cfn/builder/iam.go) IRSA role plus the statement `eksctl utils migrate-to-pod-identity` appends
    /// (pkg/actions/podidentityassociation/migrator.go), compact as GetRole returns it once decoded.
    /// </summary>
    public const string EksctlMigrated =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/" + Issuer1 + "\"},"
        + "\"Action\":[\"sts:AssumeRoleWithWebIdentity\"],\"Condition\":{\"StringEquals\":{\"" + Issuer1 + ":aud\":\"sts.amazonaws.com\",\"" + Issuer1 + ":sub\":\"system:serviceaccount:kube-system:aws-load-balancer-controller\"}}},"
        + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    /// <summary>GitHub docs, "Configuring OpenID Connect in Amazon Web Services": aud exact, sub by repository pattern.</summary>
    public const string GitHubActions = $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                "StringLike": { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*" }
              }
            },
            {
              "Effect": "Allow",
              "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/{{Issuer1}}" },
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": { "{{Issuer1}}:sub": "system:serviceaccount:ci:runner", "{{Issuer1}}:aud": "sts.amazonaws.com" }
              }
            }
          ]
        }
        """;

    /// <summary>One statement around the given principal/action/condition JSON fragments.</summary>
    public static string Statement(string condition, string effect = "Allow", string? principal = null, string action = "\"sts:AssumeRoleWithWebIdentity\"") => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Principal":{{principal ?? $"{{\"Federated\":\"{Provider(Issuer1)}\"}}"}},"Action":{{action}},"Condition":{{condition}}}]}
        """;

    public static Migrator.Core.Trust.IrsaRequest Irsa(string ns, string sa, string issuer = Issuer1, string audience = "sts.amazonaws.com", string account = Account, string partition = "aws") =>
        new(partition, account, issuer, ns, sa, audience);

    public static Migrator.Core.Trust.TrustPolicy Parse(string json)
    {
        var result = Migrator.Core.Trust.TrustPolicyParser.Parse(json);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.Policy!;
    }
}
