using System.Text;

namespace Migrator.Sandbox.Aws;

/// <summary>The outcome of checking a <c>k8s-aws-v1.</c> bearer token: the caller, or why it was refused.</summary>
public sealed record EksTokenResult(SigningIdentity? Identity, string? Error)
{
    public bool Valid => Identity is not null;
}

/// <summary>
/// Verifies an EKS bearer token as aws-iam-authenticator does (pkg/token/token.go Verify): the token is
/// <c>k8s-aws-v1.</c> + base64url(presigned STS GetCallerIdentity URL); <c>x-k8s-aws-id</c> must be a signed header and
/// equal the cluster name; the URL is good for 15 minutes after X-Amz-Date; then the signature is checked as STS would.
/// </summary>
public static class EksTokenVerifier
{
    public const string Prefix = "k8s-aws-v1.";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static EksTokenResult Verify(string bearerToken, string clusterName, SigningKeyLookup lookup, DateTimeOffset now)
    {
        if (!bearerToken.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new(null, "token is missing the k8s-aws-v1. prefix");
        }

        Uri url;
        try
        {
            var encoded = bearerToken[Prefix.Length..].Replace('-', '+').Replace('_', '/');
            encoded = encoded.PadRight(encoded.Length + ((4 - (encoded.Length % 4)) % 4), '=');
            url = new Uri(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), UriKind.Absolute);
        }
        catch (FormatException)
        {
            return new(null, "token is not base64url of a URL");
        }

        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
        if (url.AbsolutePath != "/" || query.GetValueOrDefault("Action") != "GetCallerIdentity" || query.GetValueOrDefault("Version") != "2011-06-15")
        {
            return new(null, "token is not a presigned sts:GetCallerIdentity URL");
        }

        var signedHeaders = query.GetValueOrDefault("X-Amz-SignedHeaders", "").Split(';');
        if (!signedHeaders.Contains("x-k8s-aws-id"))
        {
            return new(null, "client did not sign the x-k8s-aws-id header in the pre-signed URL");
        }

        var parts = new SignedRequestParts("GET", url.AbsolutePath, url.Query,
            [new("host", url.IsDefaultPort ? url.Host : url.Authority), new("x-k8s-aws-id", clusterName)], SigV4Canonical.EmptyBodySha256);
        var result = SigV4Verifier.Verify(parts, lookup, now, Lifetime);
        return result.Valid ? new(result.Identity, null) : new(null, $"{result.ErrorCode}: {result.ErrorMessage}");
    }
}
