using System.Collections.Concurrent;
using System.Text;
using Migrator.Aws.Configuration;
using Migrator.Aws.Credentials;
using Migrator.Aws.Signing;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Aws.Eks;

/// <summary>
/// EKS bearer tokens minted in-process as <c>aws eks get-token</c> does: a presigned STS GetCallerIdentity GET
/// (X-Amz-Expires=60, signed header <c>x-k8s-aws-id: CLUSTER</c>) in base64url without padding after <c>k8s-aws-v1.</c>.
/// EKS accepts such a token for 15 minutes after it was signed; we reuse one for 10.
/// </summary>
public sealed class EksTokenSource(AwsAccountCredentials credentials, AwsEndpoints endpoints, TimeProvider time) : IEksTokenSource
{
    public const string Prefix = "k8s-aws-v1.";
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset MintedAt)> _tokens = new(StringComparer.Ordinal);

    public async Task<string> GetTokenAsync(ClusterRef cluster, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(cluster.Key, out var cached) && now - cached.MintedAt < Reuse)
        {
            return cached.Token;
        }

        var account = await credentials.GetAsync(cluster.AccountId, ct);
        var sts = endpoints.Sts(cluster.Region);
        var url = new UriBuilder(sts) { Path = "/", Query = "Action=GetCallerIdentity&Version=2011-06-15" }.Uri;
        var presigned = AwsRequestSigner.Presign(url, account, cluster.Region, "sts", now, TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["x-k8s-aws-id"] = cluster.Name });
        var token = Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(presigned.AbsoluteUri)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[cluster.Key] = (token, now);
        return token;
    }
}
