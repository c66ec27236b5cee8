namespace Migrator.Core.Inventory;

/// <summary>An IAM OIDC identity provider. Url is host/path without scheme, as IAM stores it.</summary>
public sealed record OidcProviderRecord
{
    public required string AccountId { get; init; }
    public required string Arn { get; init; }
    public required string Url { get; init; }
    public IReadOnlyList<string> ClientIds { get; init; } = [];
    public IReadOnlyList<string> Thumbprints { get; init; } = [];
}
