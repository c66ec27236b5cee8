namespace Migrator.Core.Planning;

/// <summary>Reads arn:PARTITION:iam::ACCOUNT:role[/path]/NAME. Paths are kept: the name is the last segment (eksctl rejected paths).</summary>
public static class RoleArns
{
    public static string AccountOf(string roleArn)
    {
        var parts = roleArn.Split(':');
        return parts.Length >= 6 ? parts[4] : "";
    }

    public static string NameOf(string roleArn)
    {
        var resource = roleArn.Split(':') is { Length: >= 6 } parts ? parts[5] : roleArn;
        var slash = resource.LastIndexOf('/');
        return slash >= 0 ? resource[(slash + 1)..] : resource;
    }

    /// <summary>Issuer as host/path, the form IAM condition keys and the trust rewriter use.</summary>
    public static string? IssuerHostPath(string? issuerUrl) =>
        issuerUrl is null ? null
        : issuerUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? issuerUrl[8..].TrimEnd('/')
        : issuerUrl.TrimEnd('/');
}
