using System.Security.Cryptography;
using System.Text;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// A role ARN or name as 128 bits of its SHA-256: what the role catalog keeps of the roles it has handed over, to answer
/// "asked before?" without holding their strings (at 100x, 76,000 ARNs with their parsed names and paths were about
/// 30 MB of the inventory's live memory at its end; their fingerprints are about 3 MB). Two different texts share a
/// fingerprint with a probability of about n²/2¹²⁹: for a million roles, 10⁻²⁷.
/// </summary>
internal static class RoleFingerprint
{
    public static UInt128 Of(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> utf8 = max <= 512 ? stackalloc byte[512] : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        SHA256.HashData(utf8[..length], hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }

    /// <summary>A role name's fingerprint as IAM compares names: case-insensitively.</summary>
    public static UInt128 OfName(string name) => Of(name.ToUpperInvariant());
}
