namespace Migrator.Sandbox.Aws;

/// <summary>Server-side canonical forms (the sandbox does not share the client's code, on purpose).</summary>
internal static class SigV4Canonical
{
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>RFC 3986 percent-encoding of everything but unreserved characters.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>Non-S3 services: every segment of the received (once-encoded) path is normalised and encoded again.</summary>
    public static string CanonicalPath(string rawPath) =>
        string.IsNullOrEmpty(rawPath) ? "/" : string.Join('/', rawPath.Split('/').Select(s => Encode(Encode(Uri.UnescapeDataString(s)))));

    /// <summary>A presigned GET carries no body: its payload hash is that of the empty string.</summary>
    public static string EmptyBodySha256OrUnsigned(string payloadSha256) => string.IsNullOrEmpty(payloadSha256) ? EmptyBodySha256 : payloadSha256;
}
