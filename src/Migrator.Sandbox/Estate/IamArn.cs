namespace Migrator.Sandbox;

/// <summary>Parses IAM role ARNs (arn:PARTITION:iam::ACCOUNT:role[/path/]NAME), including paths.</summary>
public static class IamArn
{
    public static bool TryParseRole(string? arn, out string accountId, out string path, out string name)
    {
        accountId = path = name = "";
        if (string.IsNullOrWhiteSpace(arn))
            return false;
        var parts = arn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3].Length != 0)
            return false;
        if (parts[1] is not ("aws" or "aws-cn" or "aws-us-gov") || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit))
            return false;
        var resource = parts[5];
        if (!resource.StartsWith("role/", StringComparison.Ordinal))
            return false;
        var rest = resource[4..];
        var lastSlash = rest.LastIndexOf('/');
        name = rest[(lastSlash + 1)..];
        path = rest[..(lastSlash + 1)];
        if (name.Length == 0 || name.Length > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || "+=,.@_-".Contains(c))))
            return false;
        accountId = parts[4];
        return true;
    }
}
