using System.Text.RegularExpressions;

namespace Migrator.Core.Assessment;

/// <summary>OIDC issuer spelling: IAM and trust conditions use host/path without scheme.</summary>
public static partial class Issuers
{
    [GeneratedRegex(@"^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/id/[A-Za-z0-9]+$")]
    private static partial Regex EksIssuer();

    public static string Normalize(string issuer)
    {
        var s = Normalized(issuer);
        return s.Length == issuer.Length ? issuer : s.ToString();
    }

    /// <summary>
    /// Whether two spellings name one issuer. Compared in place, without building either normalized text: the rules ask
    /// this for every binding against every provider of the role's account.
    /// </summary>
    public static bool SameIssuer(string a, string b) => Normalized(a).Equals(Normalized(b), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Normalized(string issuer)
    {
        var s = issuer.AsSpan().Trim();
        if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) s = s["https://".Length..];
        return s.TrimEnd('/');
    }

    public static bool IsEks(string issuer) => EksIssuer().IsMatch(Normalize(issuer));
}
