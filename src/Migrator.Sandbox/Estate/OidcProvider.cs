namespace Migrator.Sandbox;

/// <summary>An IAM OpenID Connect provider. Url is host/path without scheme, as IAM stores it.</summary>
public sealed class OidcProvider
{
    public required string Url { get; set; }
    public List<string> ClientIds { get; set; } = ["sts.amazonaws.com"];
    public List<string> Thumbprints { get; set; } = [];
    public Dictionary<string, string> Tags { get; set; } = [];
    public DateTimeOffset? CreateDate { get; set; }

    /// <summary>host/path without scheme and trailing slash (IAM's form for provider ARNs and trust condition keys).</summary>
    public static string NormalizeUrl(string url)
    {
        var u = url.Trim();
        if (u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            u = u[8..];
        return u.TrimEnd('/');
    }
}
