namespace Migrator.Sandbox;

/// <summary>Word lists the generator draws names from (teams, apps, regions), so estates read like real ones.</summary>
internal static class GeneratedNames
{
    public static readonly string[] AccountNames = ["platform", "payments", "data", "web", "ml", "shared-services", "security", "analytics", "retail", "logistics"];

    public static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"];

    public static readonly string[] Namespaces =
    [
        "payments", "orders", "checkout", "search", "analytics", "identity", "notifications", "billing", "catalog",
        "inventory", "shipping", "reporting", "ml-serving", "ingest", "media", "fraud", "pricing", "loyalty", "gateway", "observability",
    ];

    public static readonly string[] Apps =
    [
        "api", "worker", "consumer", "scheduler", "exporter", "uploader", "indexer", "sync", "reconciler", "processor",
        "gateway", "notifier", "archiver", "resizer", "crawler", "ledger", "auditor", "cache-warmer", "importer", "publisher",
    ];

    public static readonly string[] Environments = ["prod", "staging", "dev", "qa"];

    public static readonly string[] Policies =
    [
        "AmazonS3ReadOnlyAccess", "AmazonDynamoDBFullAccess", "AmazonSQSFullAccess", "AmazonSNSFullAccess", "SecretsManagerReadWrite",
        "AmazonKinesisReadOnlyAccess", "CloudWatchAgentServerPolicy", "AmazonSSMReadOnlyAccess", "AWSXrayWriteOnlyAccess",
    ];

    public static readonly string[] Repositories = ["acme/platform-infra", "acme/payments", "acme/data-pipelines", "acme/web", "acme/ml-models"];

    public static string RegionShort(string region)
    {
        var parts = region.Split('-');
        return parts.Length == 3 ? $"{parts[0]}{parts[1][0]}{parts[2]}" : region.Replace("-", "", StringComparison.Ordinal);
    }
}
