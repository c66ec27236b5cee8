using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;

namespace Migrator.Sandbox.Aws;

/// <summary>A secret the sandbox knows, and whose account it acts for. Expired temporary credentials are refused with ExpiredToken.</summary>
public sealed record SigningIdentity(string AccessKeyId, string SecretAccessKey, string? SessionToken, string AccountId, string Arn, bool Expired = false);

/// <summary>Finds the identity for an access key id; null when the key is unknown (or expired).</summary>
public delegate SigningIdentity? SigningKeyLookup(string accessKeyId);

/// <summary>A request as received: method, raw path and raw query exactly as on the wire, headers, body hash.</summary>
public sealed record SignedRequestParts(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadSha256);

/// <summary>Why a signature was refused, in AWS terms: the code each protocol answers with.</summary>
public sealed record SigV4Result(SigningIdentity? Identity, string? ErrorCode, string? ErrorMessage, string? Service, string? Region)
{
    public bool Valid => Identity is not null;

    public static SigV4Result Fail(string code, string message) => new(null, code, message, null, null);
}

/// <summary>
/// Server-side SigV4 verification (header auth and presigned query auth), written from the specification
/// independently of the client signer so that one cannot hide the other's mistakes; the HMAC chain is AWSSDK.Core's.
/// Errors: unknown key → InvalidClientTokenId (403), wrong signature → SignatureDoesNotMatch (403),
/// missing auth → MissingAuthenticationToken, stale date → SignatureDoesNotMatch "Signature expired".
/// </summary>
public static class SigV4Verifier
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <param name="presignedLifetime">Overrides X-Amz-Expires for presigned URLs (EKS tokens live 15 minutes whatever the URL says).</param>
    public static SigV4Result Verify(SignedRequestParts request, SigningKeyLookup lookup, DateTimeOffset now, TimeSpan? presignedLifetime = null)
    {
        var authorization = Header(request, "authorization");
        var query = ParseQuery(request.RawQuery);
        if (authorization is not null)
        {
            return VerifyHeader(request, authorization, lookup, now);
        }

        if (query.Any(p => p.Key == "X-Amz-Signature"))
        {
            return VerifyPresigned(request, query, lookup, now, presignedLifetime);
        }

        return SigV4Result.Fail("MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    /// <summary>The SHA-256 of a body, hex, as the canonical request wants it.</summary>
    public static string Sha256(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private static SigV4Result VerifyHeader(SignedRequestParts request, string authorization, SigningKeyLookup lookup, DateTimeOffset now)
    {
        const string prefix = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return SigV4Result.Fail("IncompleteSignature", "Unsupported authorization scheme; expected AWS4-HMAC-SHA256.");
        }

        var fields = authorization[prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            return SigV4Result.Fail("IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
        }

        var date = Header(request, "x-amz-date");
        if (date is null)
        {
            return SigV4Result.Fail("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        return Check(request, credential, signedHeaders, signature, date, Header(request, "x-amz-security-token"), ParseQuery(request.RawQuery),
            request.PayloadSha256, lookup, now, expires: null);
    }

    private static SigV4Result VerifyPresigned(SignedRequestParts request, List<KeyValuePair<string, string>> query, SigningKeyLookup lookup, DateTimeOffset now,
        TimeSpan? lifetimeOverride)
    {
        string? Get(string name) => query.FirstOrDefault(p => p.Key == name).Value;
        if (Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256")
        {
            return SigV4Result.Fail("IncompleteSignature", "X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
        }

        var credential = Get("X-Amz-Credential");
        var signedHeaders = Get("X-Amz-SignedHeaders");
        var date = Get("X-Amz-Date");
        var signature = Get("X-Amz-Signature");
        if (credential is null || signedHeaders is null || date is null || signature is null)
        {
            return SigV4Result.Fail("IncompleteSignature", "Presigned URL requires X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Date and X-Amz-Signature.");
        }

        TimeSpan? expires = lifetimeOverride ?? (int.TryParse(Get("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : null);
        var unsignedQuery = query.Where(p => p.Key != "X-Amz-Signature").ToList();
        return Check(request, credential, signedHeaders, signature, date, Get("X-Amz-Security-Token"), unsignedQuery,
            SigV4Canonical.EmptyBodySha256OrUnsigned(request.PayloadSha256), lookup, now, expires);
    }

    private static SigV4Result Check(SignedRequestParts request, string credential, string signedHeaders, string signature, string date,
        string? sessionToken, List<KeyValuePair<string, string>> query, string payloadHash, SigningKeyLookup lookup, DateTimeOffset now, TimeSpan? expires)
    {
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return SigV4Result.Fail("IncompleteSignature", $"Credential should be scoped to a valid region, not '{credential}'.");
        }

        var identity = lookup(scope[0]);
        if (identity is null)
        {
            return SigV4Result.Fail("InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (identity.SessionToken is not null && identity.SessionToken != sessionToken)
        {
            return SigV4Result.Fail("InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (identity.Expired)
        {
            return SigV4Result.Fail("ExpiredToken", "The security token included in the request is expired");
        }

        if (!DateTime.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt) || date[..8] != scope[1])
        {
            return SigV4Result.Fail("IncompleteSignature", $"Date '{date}' is not a valid X-Amz-Date or does not match the credential scope.");
        }

        var signedAtOffset = new DateTimeOffset(signedAt, TimeSpan.Zero);
        var latest = signedAtOffset + (expires ?? AllowedSkew);
        if (now > latest || now < signedAtOffset - AllowedSkew)
        {
            return SigV4Result.Fail("SignatureDoesNotMatch",
                $"Signature expired: {date} is now earlier than {(now - AllowedSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'} - 5 min.)");
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("host"))
        {
            return SigV4Result.Fail("SignatureDoesNotMatch", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in names)
        {
            var values = request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => Collapse(h.Value));
            canonicalHeaders.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        var canonicalQuery = string.Join('&', query
            .Select(p => (Key: SigV4Canonical.Encode(p.Key), Value: SigV4Canonical.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var canonicalRequest = string.Join('\n', request.Method, SigV4Canonical.CanonicalPath(request.RawPath), canonicalQuery,
            canonicalHeaders.ToString(), signedHeaders, payloadHash);

        var expected = AWS4Signer.ComputeSignature(identity.AccessKeyId, identity.SecretAccessKey, scope[2], signedAt, scope[3], signedHeaders, canonicalRequest);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Signature), Encoding.ASCII.GetBytes(signature)))
        {
            return SigV4Result.Fail("SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        return new SigV4Result(identity, null, null, scope[3], scope[2]);
    }

    private static string? Header(SignedRequestParts request, string name)
    {
        var values = request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(',', values);
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery) =>
        rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part =>
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                return eq < 0
                    ? new KeyValuePair<string, string>(Uri.UnescapeDataString(part), "")
                    : new KeyValuePair<string, string>(Uri.UnescapeDataString(part[..eq]), Uri.UnescapeDataString(part[(eq + 1)..]));
            }).ToList();

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
