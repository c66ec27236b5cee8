namespace Migrator.Core.Ports;

public sealed record RoleDescription
{
    public required string Arn { get; init; }
    public required string Name { get; init; }
    public string Path { get; init; } = "/";
    /// <summary>AssumeRolePolicyDocument, already URL-decoded.</summary>
    public required string TrustPolicy { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    /// <summary>GetRole's RoleLastUsed.LastUsedDate and Region (IAM tracks about 400 days); null when never used or not returned (ListRoles).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }
    public string? LastUsedRegion { get; init; }
    /// <summary>Attached managed policy names (GetAccountAuthorizationDetails returns them); null when not returned (GetRole, ListRoles).</summary>
    public IReadOnlyList<string>? AttachedPolicies { get; init; }
}

public sealed record OidcProviderDescription
{
    public required string Arn { get; init; }
    /// <summary>host/path without scheme, as IAM stores it.</summary>
    public required string Url { get; init; }
    public IReadOnlyList<string> ClientIds { get; init; } = [];
    public IReadOnlyList<string> Thumbprints { get; init; } = [];
}
