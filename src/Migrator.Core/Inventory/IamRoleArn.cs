using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Migrator.Core.Inventory;

/// <summary>
/// A parsed IAM role ARN: arn:PARTITION:iam::ACCOUNT:role[/PATH/]NAME. Paths are allowed (eksctl rejects them;
/// DOMAIN.md "hazards"). GetRole takes the name only.
/// </summary>
public sealed partial record IamRoleArn(string Partition, string AccountId, string Path, string Name)
{
    public string Arn => $"arn:{Partition}:iam::{AccountId}:role{Path}{Name}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out IamRoleArn? arn)
    {
        arn = null;
        if (value is null) return false;
        var m = Pattern().Match(value);
        if (!m.Success) return false;
        arn = new IamRoleArn(m.Groups["partition"].Value, m.Groups["account"].Value, m.Groups["path"].Value, m.Groups["name"].Value);
        return true;
    }

    public override string ToString() => Arn;

    // Role names: 1-64 of [\w+=,.@-]; path segments use the same characters (IAM API reference, CreateRole).
    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::(?<account>\d{12}):role(?<path>/(?:[\w+=,.@-]+/)*)(?<name>[\w+=,.@-]{1,64})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
