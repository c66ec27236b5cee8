using System.Collections.Concurrent;
using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Fetches each unique role ARN once per run (GetRole, which carries the trust policy and the tags), started as soon as
/// a cluster names it. Attached policies are listed only for node roles (the eks-auth:AssumeRoleForPodIdentity check),
/// not for every binding's role. Malformed ARNs are never fetched: the annotation is kept as found and assessment flags it.
/// </summary>
internal sealed class RoleCatalog(IIamApi iam, RunTally tally, int maxParallel, CancellationToken ct) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RoleRecord>>> _roles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>?>>> _policies = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(Math.Max(1, maxParallel));

    public void Request(string? roleArn)
    {
        if (!IamRoleArn.TryParse(roleArn, out var arn)) return;
        _roles.GetOrAdd(arn.Arn, _ => new Lazy<Task<RoleRecord>>(() => FetchAsync(arn)));
        _ = _roles[arn.Arn].Value;
    }

    /// <summary>A node role: fetched like any role, plus its attached policy names.</summary>
    public void RequestNodeRole(string? roleArn)
    {
        if (!IamRoleArn.TryParse(roleArn, out var arn)) return;
        Request(roleArn);
        _ = _policies.GetOrAdd(arn.Arn, _ => new Lazy<Task<IReadOnlyList<string>?>>(() => FetchPoliciesAsync(arn))).Value;
    }

    public async Task<IReadOnlyList<RoleRecord>> AllAsync()
    {
        var records = await Task.WhenAll(_roles.Values.Select(l => l.Value));
        var withPolicies = new List<RoleRecord>(records.Length);
        foreach (var record in records)
        {
            var policies = _policies.TryGetValue(record.Arn, out var p) ? await p.Value : null;
            withPolicies.Add(policies is null || !record.Exists ? record : record with { AttachedPolicies = policies });
        }
        return withPolicies.OrderBy(r => r.Arn, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<string>?> FetchPoliciesAsync(IamRoleArn arn)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await tally.Call(() => iam.ListAttachedRolePolicyNamesAsync(arn.AccountId, arn.Name, ct));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            tally.Error(new CollectionError("role", arn.Arn, "ListAttachedRolePolicies", RunTally.Describe(e)));
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RoleRecord> FetchAsync(IamRoleArn arn)
    {
        await _gate.WaitAsync(ct);
        const string operation = "GetRole";
        try
        {
            var role = await tally.Call(() => iam.GetRoleAsync(arn.AccountId, arn.Name, ct));
            if (role is null)
                return new RoleRecord { Arn = arn.Arn, AccountId = arn.AccountId, Name = arn.Name, Path = arn.Path, Exists = false };
            return new RoleRecord
            {
                Arn = arn.Arn,
                AccountId = arn.AccountId,
                Name = role.Name,
                Path = role.Path,
                TrustPolicy = role.TrustPolicy,
                Tags = role.Tags,
                LastUsedAt = role.LastUsedAt,
                LastUsedRegion = role.LastUsedRegion,
            };
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var message = RunTally.Describe(e);
            tally.Error(new CollectionError("role", arn.Arn, operation, message));
            return new RoleRecord { Arn = arn.Arn, AccountId = arn.AccountId, Name = arn.Name, Path = arn.Path, LookupError = message };
        }
        finally
        {
            _gate.Release();
        }
    }
}
