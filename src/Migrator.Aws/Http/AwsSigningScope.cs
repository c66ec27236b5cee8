namespace Migrator.Aws.Http;

/// <summary>Who signs a request and for what: the account (picks credentials), the signing region and the service name.</summary>
public sealed record AwsSigningScope(string AccountId, string Region, string Service)
{
    public static readonly HttpRequestOptionsKey<AwsSigningScope> Key = new("Migrator.Aws.SigningScope");
}
