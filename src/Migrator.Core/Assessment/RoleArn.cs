using System.Text.RegularExpressions;

namespace Migrator.Core.Assessment;

/// <summary>A parsed IAM role ARN: arn:PARTITION:iam::ACCOUNT:role[/path/]NAME.</summary>
public sealed partial record RoleArn(string Value, string Partition, string AccountId, string Path, string Name)
{
    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    /// <summary>Parses an annotation value; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string raw, out RoleArn? arn, out string problem)
    {
        arn = null;
        problem = "";
        if (raw.Length == 0) { problem = "the value is empty"; return false; }
        if (raw.Trim() != raw) { problem = "the value has leading or trailing whitespace"; return false; }
        var parts = raw.Split(':');
        if (parts.Length != 6 || parts[0] != "arn") { problem = "it is not an ARN (expected arn:aws:iam::ACCOUNT:role/NAME)"; return false; }
        if (parts[1] is not ("aws" or "aws-cn" or "aws-us-gov")) { problem = $"unknown partition '{parts[1]}'"; return false; }
        if (parts[2] != "iam") { problem = $"service is '{parts[2]}', not 'iam'"; return false; }
        if (parts[3].Length != 0) { problem = "IAM ARNs have no region, found '" + parts[3] + "'"; return false; }
        if (!AccountPattern().IsMatch(parts[4])) { problem = $"account '{parts[4]}' is not 12 digits"; return false; }
        if (!parts[5].StartsWith("role/", StringComparison.Ordinal)) { problem = $"resource '{parts[5]}' is not role/NAME"; return false; }
        var resource = parts[5]["role".Length..];
        var lastSlash = resource.LastIndexOf('/');
        var path = resource[..(lastSlash + 1)];
        var name = resource[(lastSlash + 1)..];
        if (!NamePattern().IsMatch(name)) { problem = $"role name '{name}' is empty, longer than 64 or has characters IAM rejects"; return false; }
        if (path.Contains("//", StringComparison.Ordinal)) { problem = $"path '{path}' has an empty segment"; return false; }
        arn = new RoleArn(raw, parts[1], parts[4], path, name);
        return true;
    }
}
