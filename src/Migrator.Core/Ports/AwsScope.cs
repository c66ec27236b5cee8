namespace Migrator.Core.Ports;

/// <summary>An account and region the AWS adapters act in (credentials come from the account's configuration).</summary>
public sealed record AwsScope(string AccountId, string Region);
