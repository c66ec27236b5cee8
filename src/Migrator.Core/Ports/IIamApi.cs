namespace Migrator.Core.Ports;

/// <summary>The IAM operations the migration uses. Implemented by Migrator.Aws over Query/XML. IAM is global: the account picks the credentials.</summary>
public interface IIamApi
{
    /// <summary>Null when IAM answers NoSuchEntity.</summary>
    Task<RoleDescription?> GetRoleAsync(string accountId, string roleName, CancellationToken ct);
    /// <summary>ListRoles, every page (Marker), optionally under a path prefix such as "/eks/". Tags are not included by IAM here.</summary>
    Task<IReadOnlyList<RoleDescription>> ListRolesAsync(string accountId, string? pathPrefix, CancellationToken ct);
    /// <summary>
    /// Every role of the account with its trust policy, tags, RoleLastUsed and attached managed policies:
    /// GetAccountAuthorizationDetails with Filter=Role, every page (MaxItems up to 1,000, Marker).
    /// </summary>
    Task<IReadOnlyList<RoleDescription>> ListRoleDetailsAsync(string accountId, CancellationToken ct);
    Task UpdateAssumeRolePolicyAsync(string accountId, string roleName, string policyDocument, CancellationToken ct);
    Task<IReadOnlyList<string>> ListAttachedRolePolicyNamesAsync(string accountId, string roleName, CancellationToken ct);
    Task<IReadOnlyDictionary<string, string>> ListRoleTagsAsync(string accountId, string roleName, CancellationToken ct);
    /// <summary>ListOpenIDConnectProviders followed by GetOpenIDConnectProvider for each.</summary>
    Task<IReadOnlyList<OidcProviderDescription>> ListOidcProvidersAsync(string accountId, CancellationToken ct);
}
