using System.Text;
using Amazon.Runtime;
using Migrator.Aws.Signing;
using Migrator.Sandbox.Aws;

namespace Migrator.Sandbox.Tests.Aws;

/// <summary>
/// The public AWS SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30, AKIDEXAMPLE, region us-east-1, service "service"):
/// our client signer must produce the published Authorization header, and the sandbox verifier must accept it.
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, string[], string, string, string> Vectors => new()
    {
        // name, method, path+query, headers ("Name:value"), body, signed headers, signature
        { "get-vanilla", "GET", "/", [], "", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", [], "", "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "get-vanilla-empty-query-key", "GET", "/?Param1=value1", [], "", "host;x-amz-date", "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
        {
            "get-vanilla-query-unreserved", "GET",
            "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            [], "", "host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"
        },
        { "get-vanilla-utf8-query", "GET", "/?\u1234=bar", [], "", "host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
        { "get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", [], "", "host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
        { "get-header-key-duplicate", "GET", "/", ["My-Header1:value2", "My-Header1:value2", "My-Header1:value1"], "", "host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea" },
        { "get-header-value-trim", "GET", "/", ["My-Header1: value1", "My-Header2: \"a   b   c\""], "", "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "post-vanilla", "POST", "/", [], "", "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "post-vanilla-query", "POST", "/?Param1=value1", [], "", "host;x-amz-date", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
        { "post-header-key-sort", "POST", "/", ["My-Header1:value1"], "", "host;my-header1;x-amz-date", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
        { "post-header-value-case", "POST", "/", ["My-Header1:VALUE1"], "", "host;my-header1;x-amz-date", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        { "post-x-www-form-urlencoded", "POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Client_signer_reproduces_the_published_authorization(string name, string method, string pathAndQuery, string[] headers, string body,
        string signedHeaders, string signature)
    {
        using var request = Build(method, pathAndQuery, headers, body);

        AwsRequestSigner.Sign(request, Encoding.UTF8.GetBytes(body), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "service", SuiteTime);

        Assert.Equal(Expected(signedHeaders, signature), string.Join(",", request.Headers.GetValues("Authorization")));
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Get_utf8_path_matches_the_suite_with_single_encoding_as_published()
    {
        // The suite encodes paths once (S3 style); every other service encodes twice, which changes this vector only.
        using var request = Build("GET", "/\u1234", [], "");
        AwsRequestSigner.Sign(request, [], new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "service", SuiteTime, doubleEncodePath: false);
        Assert.Equal(Expected("host;x-amz-date", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"), request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void Double_encoding_changes_only_paths_with_reserved_characters()
    {
        Assert.Equal("/clusters/a%2520b", SigV4Canonical.Uri("/clusters/a%20b", doubleEncode: true));
        Assert.Equal("/clusters/a%20b", SigV4Canonical.Uri("/clusters/a%20b", doubleEncode: false));
        Assert.Equal("/clusters/prod-1/addons", SigV4Canonical.Uri("/clusters/prod-1/addons", doubleEncode: true));
    }

    [Fact]
    public void Post_sts_header_before_signs_the_session_token()
    {
        using var request = Build("POST", "/", [], "");
        AwsRequestSigner.Sign(request, [], new ImmutableCredentials("AKIDEXAMPLE", Secret, SessionToken), "us-east-1", "service", SuiteTime);
        Assert.Equal(Expected("host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
            request.Headers.GetValues("Authorization").Single());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sandbox_verifier_accepts_suite_requests_and_refuses_them_tampered(string name, string method, string pathAndQuery, string[] headers,
        string body, string signedHeaders, string signature)
    {
        using var request = Build(method, pathAndQuery, headers, body);
        AwsRequestSigner.Sign(request, Encoding.UTF8.GetBytes(body), new ImmutableCredentials("AKIDEXAMPLE", Secret, null), "us-east-1", "service", SuiteTime);
        var parts = Parts(request, Encoding.UTF8.GetBytes(body));
        SigningIdentity? Lookup(string key) => key == "AKIDEXAMPLE" ? new SigningIdentity(key, Secret, null, "111122223333", "arn:aws:iam::111122223333:user/suite") : null;

        var accepted = SigV4Verifier.Verify(parts, Lookup, SuiteTime.AddMinutes(1));
        var tampered = SigV4Verifier.Verify(parts with { PayloadSha256 = SigV4Verifier.Sha256("tampered"u8) }, Lookup, SuiteTime);
        var wrongSecret = SigV4Verifier.Verify(parts, k => Lookup(k)! with { SecretAccessKey = "other" }, SuiteTime);
        var unknown = SigV4Verifier.Verify(parts, _ => null, SuiteTime);
        var stale = SigV4Verifier.Verify(parts, Lookup, SuiteTime.AddMinutes(16));
        var expiredKey = SigV4Verifier.Verify(parts, k => Lookup(k)! with { Expired = true }, SuiteTime);

        Assert.True(accepted.Valid, $"{name}: {accepted.ErrorCode} {accepted.ErrorMessage}");
        Assert.Equal(("service", "us-east-1"), (accepted.Service, accepted.Region));
        Assert.Equal("SignatureDoesNotMatch", tampered.ErrorCode);
        Assert.Equal("SignatureDoesNotMatch", wrongSecret.ErrorCode);
        Assert.Equal("InvalidClientTokenId", unknown.ErrorCode);
        Assert.Equal("SignatureDoesNotMatch", stale.ErrorCode);
        Assert.Equal("ExpiredToken", expiredKey.ErrorCode);
        Assert.Contains(signature, request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        Assert.Contains(signedHeaders, request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verifier_refuses_a_request_without_authentication()
    {
        var parts = new SignedRequestParts("GET", "/", "", [new("host", "example.amazonaws.com")], SigV4Canonical.EmptyBodySha256);
        Assert.Equal("MissingAuthenticationToken", SigV4Verifier.Verify(parts, _ => null, SuiteTime).ErrorCode);
    }

    private static string Expected(string signedHeaders, string signature) =>
        $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}";

    private static HttpRequestMessage Build(string method, string pathAndQuery, string[] headers, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://example.amazonaws.com" + pathAndQuery));
        if (body.Length > 0 || headers.Any(h => h.StartsWith("Content-Type", StringComparison.Ordinal)))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        foreach (var header in headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var (headerName, value) = (header[..colon], header[(colon + 1)..]);
            if (headerName == "Content-Type")
            {
                request.Content!.Headers.TryAddWithoutValidation(headerName, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(headerName, value);
            }
        }

        return request;
    }

    /// <summary>The request as the server sees it on the wire.</summary>
    internal static SignedRequestParts Parts(HttpRequestMessage request, byte[] body)
    {
        var headers = request.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .Concat(request.Content?.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))) ?? [])
            .ToList();
        return new SignedRequestParts(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, headers, SigV4Verifier.Sha256(body));
    }
}
