namespace Migrator.Sandbox;

/// <summary>
/// An access key the sandbox knows: the account it acts in and the principal it stands for. Temporary credentials
/// (AssumeRole) carry a session token and an expiration.
/// </summary>
public sealed record AwsCredential(
    string AccessKeyId,
    string SecretAccessKey,
    string AccountId,
    string PrincipalArn,
    string? SessionToken = null,
    DateTimeOffset? Expiration = null)
{
    public bool IsTemporary => SessionToken is not null;

    public bool IsExpired(DateTimeOffset now) => Expiration is { } e && now >= e;
}
