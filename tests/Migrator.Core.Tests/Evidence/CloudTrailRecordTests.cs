using Migrator.Core.Evidence;

namespace Migrator.Core.Tests.Evidence;

/// <summary>Sample records in the shapes of the CloudTrail user guide (userIdentity, STS) and the EKS Auth API reference.</summary>
public sealed class CloudTrailRecordTests
{
    private const string WebIdentityRecord = """
        {"eventVersion":"1.08","userIdentity":{"type":"WebIdentityUser","principalId":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sts.amazonaws.com:system:serviceaccount:payments:api",
        "userName":"system:serviceaccount:payments:api","identityProvider":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"},
        "eventTime":"2026-11-30T08:15:02Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRoleWithWebIdentity","awsRegion":"eu-west-1",
        "sourceIPAddress":"10.0.3.4","userAgent":"aws-sdk-go-v2/1.30.3",
        "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/teams/payments-api","roleSessionName":"botocore-session-1","durationSeconds":3600},
        "responseElements":{"subjectFromWebIdentityToken":"system:serviceaccount:payments:api","provider":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123","audience":"sts.amazonaws.com"},
        "eventID":"6a3a1c2e-0000-4000-8000-000000000001","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}
        """;

    private const string PodIdentityRecord = """
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/eks-nodes/i-0abc"},
        "eventTime":"2026-11-30T09:00:41Z","eventSource":"eks-auth.amazonaws.com","eventName":"AssumeRoleForPodIdentity","awsRegion":"eu-west-1",
        "sourceIPAddress":"10.0.9.1","userAgent":"eks-pod-identity-agent",
        "requestParameters":{"clusterName":"prod","token":"HIDDEN_DUE_TO_SECURITY_REASONS"},
        "responseElements":{"subject":{"namespace":"payments","serviceAccount":"api"},"audience":"pods.eks.amazonaws.com",
        "podIdentityAssociation":{"associationArn":"arn:aws:eks:eu-west-1:111122223333:podidentityassociation/prod/a-abcdefghijklmnop1","associationId":"a-abcdefghijklmnop1"},
        "assumedRoleUser":{"arn":"arn:aws:sts::111122223333:assumed-role/payments-api/eks-prod-api-1234","assumeRoleId":"AROAEXAMPLE:eks-prod-api-1234"},
        "credentials":{"accessKeyId":"ASIAEXAMPLE","expiration":"Nov 30, 2026, 3:00:41 PM"}},
        "eventID":"6a3a1c2e-0000-4000-8000-000000000002","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}
        """;

    [Fact]
    public void AssumeRoleWithWebIdentity_gives_the_subject_role_and_issuer()
    {
        var use = CloudTrailRecord.Parse(WebIdentityRecord, "eu-west-1")!;

        Assert.Equal(CredentialUseKind.WebIdentity, use.Kind);
        Assert.Equal(("payments", "api"), (use.Namespace, use.ServiceAccount));
        Assert.Equal("arn:aws:iam::111122223333:role/teams/payments-api", use.RoleArn);
        Assert.Equal(("111122223333", "payments-api"), (use.RoleAccountId, use.RoleName));
        Assert.Equal("oidc.eks.eu-west-1.amazonaws.com/id/ABC123", use.Issuer);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 2, TimeSpan.Zero), use.Time);
        Assert.Equal("6a3a1c2e-0000-4000-8000-000000000001", use.EventId);
        Assert.Equal("10.0.3.4", use.SourceIp);
    }

    [Fact]
    public void AssumeRoleForPodIdentity_gives_the_cluster_subject_association_and_role_name()
    {
        var use = CloudTrailRecord.Parse(PodIdentityRecord, "eu-west-1")!;

        Assert.Equal(CredentialUseKind.PodIdentity, use.Kind);
        Assert.Equal("prod", use.ClusterName);
        Assert.Equal(("payments", "api"), (use.Namespace, use.ServiceAccount));
        Assert.Equal(("111122223333", "payments-api"), (use.RoleAccountId, use.RoleName));
        Assert.Equal("arn:aws:eks:eu-west-1:111122223333:podidentityassociation/prod/a-abcdefghijklmnop1", use.AssociationArn);
    }

    [Fact]
    public void Web_identity_falls_back_to_the_response_elements_and_an_issuer_url()
    {
        var record = """
            {"eventTime":"2026-11-30T08:15:02Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRoleWithWebIdentity","eventID":"e1",
             "userIdentity":{"type":"WebIdentityUser"},
             "requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/app"},
             "responseElements":{"subjectFromWebIdentityToken":"system:serviceaccount:ns1:sa1","provider":"https://oidc.eks.us-east-1.amazonaws.com/id/XYZ/"}}
            """;

        var use = CloudTrailRecord.Parse(record, "us-east-1")!;

        Assert.Equal(("ns1", "sa1"), (use.Namespace, use.ServiceAccount));
        Assert.Equal("oidc.eks.us-east-1.amazonaws.com/id/XYZ", use.Issuer);
        Assert.Equal("us-east-1", use.Region);
    }

    [Fact]
    public void Pod_identity_without_request_parameters_takes_the_cluster_from_the_association_arn()
    {
        var record = """
            {"eventTime":"2026-11-30T09:00:41Z","eventSource":"eks-auth.amazonaws.com","eventName":"AssumeRoleForPodIdentity","eventID":"e2",
             "responseElements":{"subject":{"namespace":"a","serviceAccount":"b"},
             "podIdentityAssociation":{"associationArn":"arn:aws:eks:eu-west-1:111122223333:podidentityassociation/blue/a-1"}}}
            """;

        var use = CloudTrailRecord.Parse(record, "eu-west-1")!;

        Assert.Equal("blue", use.ClusterName);
        Assert.Null(use.RoleName);
    }

    [Theory]
    [InlineData("""{"eventTime":"2026-11-30T08:15:02Z","eventName":"AssumeRoleWithWebIdentity","errorCode":"AccessDenied","eventID":"x"}""")]
    [InlineData("""{"eventTime":"2026-11-30T08:15:02Z","eventName":"ConsoleLogin","eventID":"x"}""")]
    [InlineData("""{"eventName":"AssumeRoleWithWebIdentity","eventID":"x"}""")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void Failed_foreign_or_unreadable_records_are_not_uses(string record) =>
        Assert.Null(CloudTrailRecord.Parse(record, "eu-west-1"));

    [Theory]
    [InlineData("system:serviceaccount:ns:sa", "ns", "sa")]
    [InlineData("system:serviceaccount:ns", null, null)]
    [InlineData("repo:org/app:ref:refs/heads/main", null, null)]
    [InlineData("system:serviceaccount::sa", null, null)]
    public void Service_account_subjects(string subject, string? ns, string? sa) =>
        Assert.Equal((ns, sa), CloudTrailRecord.ServiceAccountSubject(subject));
}
