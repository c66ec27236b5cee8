using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Migrator.Aws.Http;
using Migrator.Aws.Signing;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Sandbox.Aws;
using static Migrator.Sandbox.Tests.Aws.AwsSandbox;

namespace Migrator.Sandbox.Tests.Aws;

public sealed class StsAndSecurityTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task AwsSdk_sts_client_gets_caller_identity_and_assumes_role_into_another_account()
    {
        await using var sandbox = await StartAsync();
        var op = sandbox.Server.OperatorCredentials;
        using var sts = Sts(sandbox, new BasicAWSCredentials(op.AccessKeyId, op.SecretAccessKey));

        var me = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), _ct);
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn(AccountB, "MigratorAccess"), RoleSessionName = "test" }, _ct);
        using var inB = Sts(sandbox, new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        var them = await inB.GetCallerIdentityAsync(new GetCallerIdentityRequest(), _ct);

        Assert.Equal((AccountA, $"arn:aws:iam::{AccountA}:user/migrator-operator"), (me.Account, me.Arn));
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.True(assumed.Credentials.Expiration > DateTime.UtcNow);
        Assert.Equal($"arn:aws:sts::{AccountB}:assumed-role/MigratorAccess/test", assumed.AssumedRoleUser.Arn);
        Assert.Equal((AccountB, assumed.AssumedRoleUser.Arn), (them.Account, them.Arn));
    }

    [Fact]
    public async Task AwsSdk_sts_client_gets_the_aws_errors_for_bad_keys_and_untrusted_roles()
    {
        await using var sandbox = await StartAsync();
        var op = sandbox.Server.OperatorCredentials;
        using var wrongSecret = Sts(sandbox, new BasicAWSCredentials(op.AccessKeyId, "not-the-secret"));
        using var unknownKey = Sts(sandbox, new BasicAWSCredentials("AKIAUNKNOWNKEY000000", "x"));
        using var operatorSts = Sts(sandbox, new BasicAWSCredentials(op.AccessKeyId, op.SecretAccessKey));

        var badSignature = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => wrongSecret.GetCallerIdentityAsync(new GetCallerIdentityRequest(), _ct));
        var badKey = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => unknownKey.GetCallerIdentityAsync(new GetCallerIdentityRequest(), _ct));
        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            operatorSts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn(AccountA, "eks-node"), RoleSessionName = "test" }, _ct));

        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (badSignature.ErrorCode, badSignature.StatusCode));
        Assert.Equal(("InvalidClientTokenId", HttpStatusCode.Forbidden), (badKey.ErrorCode, badKey.StatusCode));
        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    [Fact]
    public async Task Assumed_credentials_are_cached_per_account()
    {
        await using var sandbox = await StartAsync();

        var first = await sandbox.Credentials.GetAsync(AccountB, _ct);
        var second = await sandbox.Credentials.GetAsync(AccountB, _ct);
        var identity = await sandbox.Credentials.GetCallerIdentityAsync(AccountB, _ct);

        Assert.Same(first, second);
        Assert.Equal(AccountB, identity.Account);
        Assert.Equal(1, sandbox.Server.Counters.Calls(SandboxService.Sts, "AssumeRole"));
    }

    [Fact]
    public async Task Eks_token_for_a_cluster_is_accepted_by_the_sandbox_and_answers_as_sts()
    {
        await using var sandbox = await StartAsync();
        var bravo = new ClusterRef(AccountB, "us-east-1", "bravo");

        var token = await sandbox.Tokens.GetTokenAsync(bravo, _ct);
        var verified = SandboxSigning.VerifyEksToken(sandbox.Server.Context, token, "bravo");
        var wrongCluster = SandboxSigning.VerifyEksToken(sandbox.Server.Context, token, "alpha");

        // What aws-iam-authenticator does with it: GET the presigned URL with the x-k8s-aws-id header.
        var body = token["k8s-aws-v1.".Length..].Replace('-', '+').Replace('_', '/');
        var url = Encoding.UTF8.GetString(Convert.FromBase64String(body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=')));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-k8s-aws-id", "bravo");
        using var response = await http.SendAsync(request, _ct);
        var xml = await response.Content.ReadAsStringAsync(_ct);

        Assert.True(verified.Valid, verified.Error);
        Assert.Equal(AccountB, verified.Identity!.AccountId);
        Assert.StartsWith($"arn:aws:sts::{AccountB}:assumed-role/MigratorAccess/", verified.Identity.Arn, StringComparison.Ordinal);
        Assert.False(wrongCluster.Valid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<Account>{AccountB}</Account>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secret_gets_SignatureDoesNotMatch_from_iam_and_InvalidSignatureException_from_eks()
    {
        await using var sandbox = await StartAsync(configure: s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith("Aws:Accounts", StringComparison.Ordinal)).ToList())
                s.Remove(key);
            s["Aws:Credentials:SecretAccessKey"] = "wrong-secret";
        });

        var iam = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.GetRoleAsync(AccountA, "payments-api", _ct));
        var eks = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.ListClustersAsync(new AwsScope(AccountA, "us-east-1"), _ct));

        Assert.Equal(("SignatureDoesNotMatch", 403), (iam.ErrorCode, iam.StatusCode));
        Assert.Equal(("InvalidSignatureException", 403), (eks.ErrorCode, eks.StatusCode));
    }

    [Fact]
    public async Task Unknown_key_gets_InvalidClientTokenId()
    {
        await using var sandbox = await StartAsync(configure: s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith("Aws:Accounts", StringComparison.Ordinal)).ToList())
                s.Remove(key);
            s["Aws:Credentials:AccessKeyId"] = "AKIANOTASANDBOXKEY00";
        });

        var iam = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.ListOidcProvidersAsync(AccountA, _ct));

        Assert.Equal(("InvalidClientTokenId", 403), (iam.ErrorCode, iam.StatusCode));
    }

    [Fact]
    public async Task Account_a_credentials_are_denied_account_b_resources()
    {
        await using var sandbox = await StartAsync();
        var op = sandbox.Server.OperatorCredentials;
        var providerB = $"arn:aws:iam::{AccountB}:oidc-provider/{IssuerB}";
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes($"Action=GetOpenIDConnectProvider&Version=2010-05-08&OpenIDConnectProviderArn={Uri.EscapeDataString(providerB)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.Endpoints.IamUrl + "/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        AwsRequestSigner.Sign(request, body, new ImmutableCredentials(op.AccessKeyId, op.SecretAccessKey, null), "us-east-1", "iam", DateTimeOffset.UtcNow);

        using var response = await http.SendAsync(request, _ct);
        var (code, message) = await AwsErrorReader.ReadAsync(response, _ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AccessDenied", code);
        Assert.Contains(providerB, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_temporary_credentials_get_ExpiredToken()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await StartAsync(time: time);
        var temporary = sandbox.Server.Credentials.IssueTemporary(AccountB, $"arn:aws:sts::{AccountB}:assumed-role/MigratorAccess/old", time.GetUtcNow().AddMinutes(15));
        time.Advance(TimeSpan.FromMinutes(16));
        var body = "Action=ListOpenIDConnectProviders&Version=2010-05-08"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.Endpoints.IamUrl + "/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        AwsRequestSigner.Sign(request, body, new ImmutableCredentials(temporary.AccessKeyId, temporary.SecretAccessKey, temporary.SessionToken),
            "us-east-1", "iam", time.GetUtcNow());
        using var http = new HttpClient();

        using var response = await http.SendAsync(request, _ct);
        var (code, _) = await AwsErrorReader.ReadAsync(response, _ct);

        Assert.Equal((HttpStatusCode.Forbidden, "ExpiredToken"), (response.StatusCode, code));
    }

    [Fact]
    public async Task Starting_credentials_are_not_used_for_an_account_they_do_not_belong_to()
    {
        await using var sandbox = await StartAsync(configure: s => s.Remove("Aws:Accounts:1:RoleArn"));

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.GetRoleAsync(AccountB, "b-only", _ct));
        var unlisted = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Iam.GetRoleAsync("333333333333", "x", _ct));

        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Contains("Aws:Accounts:1:RoleArn", e.AwsMessage, StringComparison.Ordinal);
        Assert.Equal("AccessDenied", unlisted.ErrorCode);
        Assert.Equal(0, sandbox.Server.Counters.Calls(SandboxService.Iam, "GetRole"));
    }

    private static AmazonSecurityTokenServiceClient Sts(AwsSandbox sandbox, AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = sandbox.Server.Endpoints.StsUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}
