using System.Text.RegularExpressions;

namespace Migrator.Core.Trust;

/// <summary>
/// An OIDC issuer as IAM writes it in provider ARNs and condition keys: host and path, no scheme, no trailing slash
/// (EKS user guide, "Create an IAM OIDC provider for your cluster").
/// </summary>
public static partial class Issuer
{
    public static string Normalize(string issuer)
    {
        var s = issuer.Trim();
        if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            s = s["https://".Length..];
        return s.TrimEnd('/');
    }

    /// <summary>True for EKS cluster issuers: oidc.eks.REGION.amazonaws.com/id/ID (or amazonaws.com.cn).</summary>
    public static bool IsEks(string issuer) => EksIssuer().IsMatch(Normalize(issuer));

    /// <summary>The issuer named by an oidc-provider ARN (arn:P:iam::ACCOUNT:oidc-provider/ISSUER), or null.</summary>
    public static (string Issuer, string Account, string Partition)? FromProviderArn(string arn)
    {
        if (!ArnParts.TryParse(arn, out var parts) || parts.Service != "iam" || !parts.Resource.StartsWith("oidc-provider/", StringComparison.Ordinal))
            return null;
        return (parts.Resource["oidc-provider/".Length..], parts.Account, parts.Partition);
    }

    public static string ProviderArn(string partition, string account, string issuer) =>
        $"arn:{partition}:iam::{account}:oidc-provider/{Normalize(issuer)}";

    [GeneratedRegex(@"^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/id/[A-Za-z0-9]+$")]
    private static partial Regex EksIssuer();
}
