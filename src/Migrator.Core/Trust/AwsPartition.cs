namespace Migrator.Core.Trust;

/// <summary>AWS partitions: commercial (aws), China (aws-cn), GovCloud (aws-us-gov), and the isolated ones.</summary>
public static class AwsPartition
{
    public const string Aws = "aws";
    public const string China = "aws-cn";
    public const string GovCloud = "aws-us-gov";

    private static readonly string[] Known = [Aws, China, GovCloud, "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

    public static bool IsKnown(string partition) => Known.Contains(partition, StringComparer.Ordinal);

    /// <summary>The partition of a region: cn-* is aws-cn, us-gov-* is aws-us-gov, anything else aws.</summary>
    public static string OfRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? China
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? GovCloud
        : Aws;

    /// <summary>The partition of an EKS issuer (oidc.eks.REGION.amazonaws.com[.cn]/id/ID), else aws.</summary>
    public static string OfIssuer(string issuer)
    {
        var host = Issuer.Normalize(issuer).Split('/')[0];
        var labels = host.Split('.');
        return labels.Length > 3 && labels[0] == "oidc" && labels[1] == "eks" ? OfRegion(labels[2]) : Aws;
    }
}
