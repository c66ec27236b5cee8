namespace Migrator.Sandbox.Aws;

/// <summary>
/// IAM's RoleLastUsed, derived from the estate's pods (<see cref="CredentialUsage.LastUses"/>). Which roles each pod
/// reaches is kept per estate version (<see cref="CredentialUsage.RolesOfPods"/>), with the pods of each role: at 411,000
/// pods resolving them took longer than a second, so every GetAccountAuthorizationDetails page paid for it again and IAM
/// calls timed out.
/// <list type="bullet">
/// <item>GetAccountAuthorizationDetails pages (<see cref="All"/>) take every role's last use from one pass over the
/// pods, kept until the estate changes or the sandbox clock reaches the next second (uses are reported to the second).</item>
/// <item>GetRole (<see cref="Of"/>) takes the role's own pods only. Scanning every pod per GetRole (and, later, once
/// per second of GetRoles) kept the sandbox busy for minutes at 100× when GetRoles came spread over the run, which real
/// IAM never does.</item>
/// </list>
/// </summary>
internal sealed class RoleLastUsedCache
{
    private readonly Lock _sync = new();
    private (long Version, long Second, Dictionary<(string Account, string Name), (DateTimeOffset Time, string Region)> Uses)? _cached;
    private (long Version, List<CredentialUsage.PodRoles> Pods, Dictionary<(string Account, string Name), List<CredentialUsage.PodRoles>> ByRole)? _pods;

    public Dictionary<(string Account, string Name), (DateTimeOffset Time, string Region)> All(SandboxContext sandbox, DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var upTo = DateTimeOffset.FromUnixTimeSeconds(second);
        return sandbox.State.Read((estate, version) =>
        {
            lock (_sync)
            {
                if (_cached is { } c && c.Version == version && c.Second == second)
                    return c.Uses;
                var uses = CredentialUsage.LastUses(PodsOf(estate, version).Pods, upTo, sandbox.Realism.Options.CredentialUseInterval);
                _cached = (version, second, uses);
                return uses;
            }
        });
    }

    public (DateTimeOffset Time, string Region)? Of(SandboxContext sandbox, string roleArn, DateTimeOffset now)
    {
        var key = (Core.Planning.RoleArns.AccountOf(roleArn), Core.Planning.RoleArns.NameOf(roleArn));
        var upTo = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return sandbox.State.Read((estate, version) =>
        {
            List<CredentialUsage.PodRoles>? pods;
            lock (_sync)
                pods = PodsOf(estate, version).ByRole.GetValueOrDefault(key);
            // The role's pods in the estate's order: the same newest use (and region) as the pass over every pod.
            return pods is not null && CredentialUsage.LastUses(pods, upTo, sandbox.Realism.Options.CredentialUseInterval).TryGetValue(key, out var last)
                ? last
                : ((DateTimeOffset Time, string Region)?)null;
        });
    }

    /// <summary>The pods with the roles they reach, and per role its pods, for the estate version (called under the lock).</summary>
    private (long Version, List<CredentialUsage.PodRoles> Pods, Dictionary<(string Account, string Name), List<CredentialUsage.PodRoles>> ByRole) PodsOf(Migrator.Sandbox.Estate estate, long version)
    {
        if (_pods is { } p && p.Version == version)
            return p;
        var pods = CredentialUsage.RolesOfPods(estate);
        var byRole = new Dictionary<(string Account, string Name), List<CredentialUsage.PodRoles>>();
        foreach (var pod in pods)
        {
            foreach (var role in pod.Roles.Distinct())
            {
                if (!byRole.TryGetValue(role, out var list))
                    byRole[role] = list = [];
                list.Add(pod);
            }
        }
        _pods = p = (version, pods, byRole);
        return p;
    }
}
