using System.Text.RegularExpressions;

namespace Migrator.Core.Assessment;

/// <summary>OIDC issuer spelling: IAM and trust conditions use host/path without scheme.</summary>
public static partial class Issuers
{
    [GeneratedRegex(@"^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/id/[A-Za-z0-9]+$")]
    private static partial Regex EksIssuer();

    public static string Normalize(string issuer)
    {
        var s = issuer.Trim();
        if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) s = s["https://".Length..];
        return s.TrimEnd('/');
    }

    public static bool SameIssuer(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    public static bool IsEks(string issuer) => EksIssuer().IsMatch(Normalize(issuer));
}
