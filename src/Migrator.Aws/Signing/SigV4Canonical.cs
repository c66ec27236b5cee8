using System.Security.Cryptography;
using System.Text;

namespace Migrator.Aws.Signing;

/// <summary>
/// The canonical-request pieces of Signature Version 4, built from what goes on the wire.
/// The HMAC chain itself is AWSSDK.Core's <c>AWS4Signer.ComputeSignature</c>.
/// (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html)
/// </summary>
public static class SigV4Canonical
{
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Canonical URI from the path as sent (already percent-encoded once). Every service but S3 encodes each
    /// segment twice, so the encoded segment is encoded again; S3-style single encoding re-normalises only.
    /// </summary>
    public static string Uri(string wirePath, bool doubleEncode)
    {
        if (string.IsNullOrEmpty(wirePath))
        {
            return "/";
        }

        var segments = wirePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var once = Encode(System.Uri.UnescapeDataString(segments[i]));
            segments[i] = doubleEncode ? Encode(once) : once;
        }

        return string.Join('/', segments);
    }

    /// <summary>Canonical query from the raw query (with or without '?'): decoded, RFC 3986-encoded, sorted by key then value.</summary>
    public static string Query(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return "";
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add((Encode(System.Uri.UnescapeDataString(key)), Encode(System.Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>Canonical header block (each line ends with '\n') and the signed-headers list, for the given headers.</summary>
    public static (string CanonicalHeaders, string SignedHeaders) Headers(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var map = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            var key = name.ToLowerInvariant();
            if (!map.TryGetValue(key, out var list))
            {
                list = [];
                map[key] = list;
            }

            list.AddRange(values.Select(TrimAll));
        }

        var canonical = new StringBuilder();
        foreach (var (name, values) in map)
        {
            canonical.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', map.Keys));
    }

    public static string Request(string method, string canonicalUri, string canonicalQuery, string canonicalHeaders, string signedHeaders, string payloadHash) =>
        $"{method}\n{canonicalUri}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";

    public static string PayloadHash(ReadOnlySpan<byte> body) => body.IsEmpty ? EmptyBodySha256 : Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>RFC 3986 encoding: everything but the unreserved characters, upper-case hex.</summary>
    public static string Encode(string value) => System.Uri.EscapeDataString(value);

    /// <summary>Trims and collapses sequential spaces, as the canonical header value requires.</summary>
    private static string TrimAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!lastWasSpace)
                {
                    builder.Append(c);
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }

        return builder.ToString();
    }
}
