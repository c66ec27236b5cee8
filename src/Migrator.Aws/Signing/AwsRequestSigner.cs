using System.Globalization;
using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Migrator.Aws.Signing;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with SigV4 (Authorization header), or presigns a GET URL (query auth).
/// Canonicalisation is ours, from the wire form of the request; the HMAC chain is AWSSDK.Core's.
/// </summary>
public static class AwsRequestSigner
{
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Headers never signed: hop-by-hop or added after signing by the HTTP stack.</summary>
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "content-length", "expect", "connection", "transfer-encoding", "x-amzn-trace-id",
    };

    /// <summary>
    /// Signs in place: sets Host, X-Amz-Date, X-Amz-Security-Token (when the credentials carry one) and Authorization.
    /// Any earlier signature is replaced, so a retried request is signed afresh.
    /// </summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, ImmutableCredentials credentials,
        string region, string service, DateTimeOffset now, bool doubleEncodePath = true)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var headers = request.Headers;
        headers.Remove("Authorization");
        headers.Remove("X-Amz-Date");
        headers.Remove("X-Amz-Security-Token");
        headers.Host ??= uri.IsDefaultPort ? uri.Host : uri.Authority;

        var signedAt = now.UtcDateTime;
        headers.TryAddWithoutValidation("X-Amz-Date", signedAt.ToString(AmzDateFormat, CultureInfo.InvariantCulture));
        if (credentials.UseToken)
        {
            headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        var toSign = headers.NonValidated.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value))
            .Concat(request.Content?.Headers.NonValidated.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value)) ?? [])
            .Where(h => !Unsigned.Contains(h.Key));
        var (canonicalHeaders, signedHeaders) = SigV4Canonical.Headers(toSign);
        var canonicalRequest = SigV4Canonical.Request(request.Method.Method, SigV4Canonical.Uri(uri.AbsolutePath, doubleEncodePath),
            SigV4Canonical.Query(uri.Query), canonicalHeaders, signedHeaders, SigV4Canonical.PayloadHash(body));

        var result = AWS4Signer.ComputeSignature(credentials.AccessKey, credentials.SecretKey, region, signedAt, service, signedHeaders, canonicalRequest);
        headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>
    /// A presigned GET URL (query authentication). <paramref name="extraSignedHeaders"/> must be sent with the URL
    /// (e.g. <c>x-k8s-aws-id</c>); the session token is part of the signed query, as the SDKs do for presigning.
    /// </summary>
    public static Uri Presign(Uri url, ImmutableCredentials credentials, string region, string service, DateTimeOffset now,
        TimeSpan expires, IReadOnlyDictionary<string, string>? extraSignedHeaders = null)
    {
        var signedAt = now.UtcDateTime;
        var host = url.IsDefaultPort ? url.Host : url.Authority;
        var headers = new List<KeyValuePair<string, IEnumerable<string>>> { new("host", [host]) };
        headers.AddRange((extraSignedHeaders ?? new Dictionary<string, string>()).Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, [h.Value])));
        var (canonicalHeaders, signedHeaders) = SigV4Canonical.Headers(headers);

        var date = signedAt.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        var scope = $"{date[..8]}/{region}/{service}/aws4_request";
        var query = url.Query.TrimStart('?');
        var auth = new List<string>
        {
            "X-Amz-Algorithm=AWS4-HMAC-SHA256",
            "X-Amz-Credential=" + SigV4Canonical.Encode($"{credentials.AccessKey}/{scope}"),
            "X-Amz-Date=" + date,
            "X-Amz-Expires=" + ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "X-Amz-SignedHeaders=" + SigV4Canonical.Encode(signedHeaders),
        };
        if (credentials.UseToken)
        {
            auth.Add("X-Amz-Security-Token=" + SigV4Canonical.Encode(credentials.Token));
        }

        var fullQuery = string.Join('&', new[] { query }.Where(q => q.Length > 0).Concat(auth));
        var canonicalRequest = SigV4Canonical.Request("GET", SigV4Canonical.Uri(url.AbsolutePath, doubleEncode: true),
            SigV4Canonical.Query(fullQuery), canonicalHeaders, signedHeaders, SigV4Canonical.EmptyBodySha256);
        var result = AWS4Signer.ComputeSignature(credentials.AccessKey, credentials.SecretKey, region, signedAt, service, signedHeaders, canonicalRequest);

        var builder = new UriBuilder(url) { Query = fullQuery + "&X-Amz-Signature=" + result.Signature };
        return builder.Uri;
    }

    internal static MediaTypeHeaderValue FormContentType { get; } = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };
}
