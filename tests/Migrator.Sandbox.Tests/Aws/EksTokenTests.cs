using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Migrator.Aws.Configuration;
using Migrator.Aws.Credentials;
using Migrator.Aws.Eks;
using Migrator.Core.Inventory;
using Migrator.Sandbox.Aws;

namespace Migrator.Sandbox.Tests.Aws;

public sealed class EksTokenTests
{
    private const string KeyId = "AKIASANDBOXOPERATOR1";
    private const string Secret = "sandbox-secret-key-0001";
    private static readonly ClusterRef Cluster = new("111111111111", "eu-west-1", "payments");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public async Task Token_is_a_presigned_get_caller_identity_url_with_the_cluster_header()
    {
        var token = await Source().GetTokenAsync(Cluster, CancellationToken.None);

        Assert.StartsWith("k8s-aws-v1.", token, StringComparison.Ordinal);
        Assert.DoesNotContain('=', token);
        var url = Decode(token);
        Assert.StartsWith("http://127.0.0.1:9/?Action=GetCallerIdentity&Version=2011-06-15&", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=60", url, StringComparison.Ordinal);
        Assert.Contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id", url, StringComparison.Ordinal);
        Assert.Contains($"X-Amz-Credential={KeyId}%2F20260102%2Feu-west-1%2Fsts%2Faws4_request", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_verifier_accepts_the_token_for_its_cluster_only()
    {
        var token = await Source().GetTokenAsync(Cluster, CancellationToken.None);

        var accepted = EksTokenVerifier.Verify(token, "payments", Lookup, _time.GetUtcNow().AddMinutes(14));
        var otherCluster = EksTokenVerifier.Verify(token, "ledger", Lookup, _time.GetUtcNow());
        var expired = EksTokenVerifier.Verify(token, "payments", Lookup, _time.GetUtcNow().AddMinutes(16));
        var unknownKey = EksTokenVerifier.Verify(token, "payments", _ => null, _time.GetUtcNow());

        Assert.True(accepted.Valid, accepted.Error);
        Assert.Equal("111111111111", accepted.Identity!.AccountId);
        Assert.StartsWith("SignatureDoesNotMatch", otherCluster.Error, StringComparison.Ordinal);
        Assert.StartsWith("SignatureDoesNotMatch", expired.Error, StringComparison.Ordinal);
        Assert.StartsWith("InvalidClientTokenId", unknownKey.Error, StringComparison.Ordinal);
        Assert.False(EksTokenVerifier.Verify("k8s-aws-v1.bm90IGEgdXJs", "payments", Lookup, _time.GetUtcNow()).Valid);
        Assert.False(EksTokenVerifier.Verify("static-token", "payments", Lookup, _time.GetUtcNow()).Valid);
    }

    [Fact]
    public async Task Token_is_reused_for_ten_minutes_then_minted_again()
    {
        var source = Source();
        var first = await source.GetTokenAsync(Cluster, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(9));
        var reused = await source.GetTokenAsync(Cluster, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        var fresh = await source.GetTokenAsync(Cluster, CancellationToken.None);

        Assert.Equal(first, reused);
        Assert.NotEqual(first, fresh);
        Assert.True(EksTokenVerifier.Verify(fresh, "payments", Lookup, _time.GetUtcNow()).Valid);
    }

    private static SigningIdentity? Lookup(string accessKeyId) =>
        accessKeyId == KeyId ? new SigningIdentity(KeyId, Secret, null, "111111111111", "arn:aws:iam::111111111111:user/operator") : null;

    private EksTokenSource Source()
    {
        var options = new AwsOptions
        {
            Credentials = new AwsCredentialOptions { AccessKeyId = KeyId, SecretAccessKey = Secret },
            Endpoints = new AwsEndpointOptions { Sts = "http://127.0.0.1:9" },
        };
        var endpoints = new AwsEndpoints(options);
        var credentials = new AwsAccountCredentials(Options.Create(options), endpoints, _time, NullLogger<AwsAccountCredentials>.Instance);
        return new EksTokenSource(credentials, endpoints, _time);
    }

    private static string Decode(string token)
    {
        var body = token["k8s-aws-v1.".Length..].Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=')));
    }
}
