namespace Migrator.Core.Inventory;

/// <summary>
/// Identifies one EKS cluster. Cluster names are unique only within an account and region, so the key carries all three.
/// </summary>
public sealed record ClusterRef(string AccountId, string Region, string Name) : ISpanFormattable
{
    /// <summary>AWS partition derived from the region: China regions use aws-cn, GovCloud aws-us-gov.</summary>
    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    public string Arn => $"arn:{Partition}:eks:{Region}:{AccountId}:cluster/{Name}";

    /// <summary>Stable storage key: ACCOUNT/REGION/NAME.</summary>
    public string Key => $"{AccountId}/{Region}/{Name}";

    public override string ToString() => Key;

    /// <summary>
    /// Writes <see cref="Key"/> into <paramref name="destination"/> without making a string: interpolations such as
    /// step ids and the plan's JSON format the key in place.
    /// </summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite($"{AccountId}/{Region}/{Name}", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => Key;
}
