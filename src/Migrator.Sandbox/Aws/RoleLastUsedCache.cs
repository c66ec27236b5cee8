namespace Migrator.Sandbox.Aws;

/// <summary>
/// IAM's RoleLastUsed of every role, derived from one pass over the estate's pods (<see cref="CredentialUsage.LastUses"/>)
/// and kept until the estate changes or the sandbox clock reaches the next second (uses are reported to the second).
/// Without it each GetRole scanned every pod: at 41,000 pods a few hundred GetRoles kept the sandbox busy for minutes,
/// which real IAM never does. Which roles each pod reaches is kept per estate version (<see cref="CredentialUsage.RolesOfPods"/>):
/// at 411,000 pods resolving them took longer than the second it was kept for, so every GetAccountAuthorizationDetails
/// page paid for it again and IAM calls timed out.
/// </summary>
internal sealed class RoleLastUsedCache
{
    private readonly Lock _sync = new();
    private (long Version, long Second, Dictionary<(string Account, string Name), (DateTimeOffset Time, string Region)> Uses)? _cached;
    private (long Version, List<CredentialUsage.PodRoles> Pods)? _pods;

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
                if (_pods is not { } p || p.Version != version)
                    _pods = p = (version, CredentialUsage.RolesOfPods(estate));
                var uses = CredentialUsage.LastUses(p.Pods, upTo, sandbox.Realism.Options.CredentialUseInterval);
                _cached = (version, second, uses);
                return uses;
            }
        });
    }

    public (DateTimeOffset Time, string Region)? Of(SandboxContext sandbox, string roleArn, DateTimeOffset now) =>
        All(sandbox, now).TryGetValue((Core.Planning.RoleArns.AccountOf(roleArn), Core.Planning.RoleArns.NameOf(roleArn)), out var last) ? last : null;
}
