namespace Migrator.Aws.Configuration;

/// <summary>Where each API lives for a region (public AWS by partition, or the configured overrides) and which region signs it.</summary>
public sealed class AwsEndpoints(AwsOptions options)
{
    public Uri Eks(string region) => new(options.Endpoints.Eks?.Replace("{region}", region, StringComparison.Ordinal)
        ?? $"https://eks.{region}.{DnsSuffix(region)}");

    public Uri Sts(string region) => new(options.Endpoints.Sts?.Replace("{region}", region, StringComparison.Ordinal)
        ?? $"https://sts.{region}.{DnsSuffix(region)}");

    public Uri CloudTrail(string region) => new(options.Endpoints.CloudTrail?.Replace("{region}", region, StringComparison.Ordinal)
        ?? $"https://cloudtrail.{region}.{DnsSuffix(region)}");

    /// <summary>IAM is global per partition: one endpoint, signed for the partition's home region.</summary>
    public (Uri Url, string SigningRegion) Iam(string partition) => partition switch
    {
        "aws-cn" => (new Uri(options.Endpoints.Iam ?? "https://iam.cn-north-1.amazonaws.com.cn"), "cn-north-1"),
        "aws-us-gov" => (new Uri(options.Endpoints.Iam ?? "https://iam.us-gov.amazonaws.com"), "us-gov-west-1"),
        _ => (new Uri(options.Endpoints.Iam ?? "https://iam.amazonaws.com"), "us-east-1"),
    };

    /// <summary>The region an account is reached in for global calls (STS): its first configured region, else the default.</summary>
    public string HomeRegion(string accountId) =>
        options.Accounts.FirstOrDefault(a => a.Id == accountId)?.Regions.FirstOrDefault() ?? options.DefaultRegion;

    public static string Partition(string region) => region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    private static string DnsSuffix(string region) => region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}
