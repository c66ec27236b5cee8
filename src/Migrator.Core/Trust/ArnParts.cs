namespace Migrator.Core.Trust;

/// <summary>The six colon-separated parts of an ARN; the resource part may itself hold colons.</summary>
public readonly record struct ArnParts(string Partition, string Service, string Region, string Account, string Resource)
{
    public static bool TryParse(string value, out ArnParts arn)
    {
        arn = default;
        var parts = value.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0)
            return false;
        arn = new ArnParts(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
