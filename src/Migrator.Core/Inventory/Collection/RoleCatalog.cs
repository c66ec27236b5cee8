using System.Collections.Concurrent;
using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Fetches each unique role ARN once per run (GetRole, attached policies, tags), started as soon as a cluster
/// names it. Malformed ARNs are never fetched: the annotation is kept as found and assessment flags it.
/// </summary>
internal sealed class RoleCatalog(IIamApi iam, RunTally tally, int maxParallel, CancellationToken ct) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RoleRecord>>> _roles = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(Math.Max(1, maxParallel));

    public void Request(string? roleArn)
    {
        if (!IamRoleArn.TryParse(roleArn, out var arn)) return;
        _roles.GetOrAdd(arn.Arn, _ => new Lazy<Task<RoleRecord>>(() => FetchAsync(arn)));
        _ = _roles[arn.Arn].Value;
    }

    public async Task<IReadOnlyList<RoleRecord>> AllAsync()
    {
        var records = await Task.WhenAll(_roles.Values.Select(l => l.Value));
        return records.OrderBy(r => r.Arn, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _gate.Dispose();

    private async Task<RoleRecord> FetchAsync(IamRoleArn arn)
    {
        await _gate.WaitAsync(ct);
        var operation = "GetRole";
        try
        {
            var role = await tally.Call(() => iam.GetRoleAsync(arn.AccountId, arn.Name, ct));
            if (role is null)
                return new RoleRecord { Arn = arn.Arn, AccountId = arn.AccountId, Name = arn.Name, Path = arn.Path, Exists = false };
            operation = "ListAttachedRolePolicies";
            var policies = await tally.Call(() => iam.ListAttachedRolePolicyNamesAsync(arn.AccountId, arn.Name, ct));
            var tags = role.Tags;
            if (tags.Count == 0)
            {
                operation = "ListRoleTags";
                tags = await tally.Call(() => iam.ListRoleTagsAsync(arn.AccountId, arn.Name, ct));
            }
            return new RoleRecord
            {
                Arn = arn.Arn,
                AccountId = arn.AccountId,
                Name = role.Name,
                Path = role.Path,
                TrustPolicy = role.TrustPolicy,
                Tags = tags,
                AttachedPolicies = policies,
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
