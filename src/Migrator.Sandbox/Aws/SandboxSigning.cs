using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Migrator.Sandbox.Aws;

/// <summary>Connects the SigV4 verifier to the sandbox: keys from the <see cref="CredentialStore"/>, requests from Kestrel.</summary>
public static class SandboxSigning
{
    /// <summary>Looks keys up in the store; expired temporary credentials are found but marked expired (ExpiredToken).</summary>
    public static SigningKeyLookup LookupIn(CredentialStore store, TimeProvider time) => accessKeyId =>
        store.TryGet(accessKeyId, out var c)
            ? new SigningIdentity(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, c.AccountId, c.PrincipalArn, c.IsExpired(time.GetUtcNow()))
            : null;

    /// <summary>Verifies an EKS bearer token (<c>k8s-aws-v1.</c>) for a cluster against the sandbox's keys.</summary>
    public static EksTokenResult VerifyEksToken(SandboxContext context, string bearerToken, string clusterName) =>
        EksTokenVerifier.Verify(bearerToken, clusterName, LookupIn(context.Credentials, context.Time), context.Time.GetUtcNow());

    /// <summary>The request as it came over the wire: raw target (path and query undecoded), headers, body hash.</summary>
    public static SignedRequestParts PartsOf(HttpContext http, byte[] body)
    {
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = q < 0 ? (rawTarget, "") : (rawTarget[..q], rawTarget[(q + 1)..]);
        var headers = http.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        var declared = http.Request.Headers["x-amz-content-sha256"].ToString();
        var payload = declared == "UNSIGNED-PAYLOAD" ? declared : SigV4Verifier.Sha256(body);
        return new SignedRequestParts(http.Request.Method, path, query, headers, payload);
    }
}
