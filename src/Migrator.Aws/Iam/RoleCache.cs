using System.Collections.Concurrent;
using Migrator.Core.Ports;

namespace Migrator.Aws.Iam;

/// <summary>
/// Per-run cache of IAM roles by ARN: each unique role is fetched with GetRole once, however many ServiceAccounts,
/// clusters or concurrent callers name it (callers share the in-flight fetch). A missing role (NoSuchEntity) is
/// cached as null too. Call <see cref="Reset"/> at the start of a run; a failed fetch is not cached.
/// </summary>
public sealed class RoleCache(IIamApi iam)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RoleDescription?>>> _roles = new(StringComparer.Ordinal);

    /// <summary>The role named by <paramref name="roleArn"/> (arn:PARTITION:iam::ACCOUNT:role[/path]/NAME), or null if IAM has none.</summary>
    public async Task<RoleDescription?> GetAsync(string roleArn, CancellationToken ct)
    {
        var (account, name) = Parse(roleArn);
        var entry = _roles.GetOrAdd(roleArn, _ => new Lazy<Task<RoleDescription?>>(() => iam.GetRoleAsync(account, name, ct)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _roles.TryRemove(new KeyValuePair<string, Lazy<Task<RoleDescription?>>>(roleArn, entry));
            throw;
        }
    }

    /// <summary>Number of distinct roles fetched (or being fetched) since the last reset.</summary>
    public int Count => _roles.Count;

    public void Reset() => _roles.Clear();

    /// <summary>Account id and role name (the last path segment) of a role ARN.</summary>
    public static (string AccountId, string RoleName) Parse(string roleArn)
    {
        var parts = roleArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal) || parts[4].Length != 12)
        {
            throw new ArgumentException($"'{roleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).", nameof(roleArn));
        }

        return (parts[4], parts[5][(parts[5].LastIndexOf('/') + 1)..]);
    }
}
