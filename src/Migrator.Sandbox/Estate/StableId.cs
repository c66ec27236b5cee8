using System.Security.Cryptography;
using System.Text;

namespace Migrator.Sandbox;

/// <summary>Deterministic identifiers derived from a name, so the same estate always gets the same uids, ids and keys.</summary>
public static class StableId
{
    public static byte[] Hash(string seed) => SHA256.HashData(Encoding.UTF8.GetBytes(seed));

    /// <summary>A UUID-shaped id (8-4-4-4-12 lower-case hex), version 4 bits set like Kubernetes uids.</summary>
    public static string Uuid(string seed)
    {
        var h = Hash(seed);
        h[6] = (byte)((h[6] & 0x0F) | 0x40);
        h[8] = (byte)((h[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(h.AsSpan(0, 16));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    /// <summary>Lower-case hex of the requested length.</summary>
    public static string Hex(string seed, int length) => Convert.ToHexStringLower(Hash(seed))[..length];

    /// <summary>Upper-case hex (EKS OIDC issuer ids are 32 upper-case hex characters).</summary>
    public static string UpperHex(string seed, int length) => Convert.ToHexString(Hash(seed))[..length];

    /// <summary>Characters from an alphabet (e.g. A-Z2-7 for access keys).</summary>
    public static string FromAlphabet(string seed, int length, string alphabet)
    {
        var sb = new StringBuilder(length);
        var counter = 0;
        while (sb.Length < length)
        {
            foreach (var b in Hash($"{seed}#{counter++}"))
            {
                if (sb.Length == length) break;
                sb.Append(alphabet[b % alphabet.Length]);
            }
        }
        return sb.ToString();
    }
}
