using System.Collections.Concurrent;
using Migrator.Core.Ports;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Reads each unique role ARN once per run. An account from which at least <c>detailsMinRoles</c> roles are needed is
/// read with one paged GetAccountAuthorizationDetails (Filter=Role), started as soon as the account reaches that count;
/// only the roles asked for are kept. The other accounts get one GetRole per role as soon as the account's own clusters
/// are collected (<see cref="AccountClustersDone"/>; its later requests, from other accounts' clusters, are read at
/// once, and should they reach the threshold after all the details call takes over, at the cost of the GetRoles already
/// made), so role reads overlap the other accounts' clusters instead of trailing the run. Any account where the details
/// call is denied or fails (one <see cref="CollectionNote"/> per account, the run stays Complete) falls back to GetRole. Attached policies are listed only for node roles (the eks-auth:AssumeRoleForPodIdentity check), not for
/// every binding's role. Malformed ARNs are never fetched: the annotation is kept as found and assessment flags it.
/// Roles of accounts the run does not cover (cross-account references; in a sharded run, another shard's account) are
/// read with GetRole as soon as they are asked for: every shard reading whole other accounts with the paced details
/// call would queue the shards on each other (measured: a 10-cluster shard's role reads took 10–20 s instead of 1 s).
/// </summary>
internal sealed class RoleCatalog(IIamApi iam, RunTally tally, int maxParallel, int detailsMinRoles, IReadOnlySet<string> ownAccounts, CancellationToken ct) : IDisposable
{
    private const string DetailsOperation = "GetAccountAuthorizationDetails";
    private readonly ConcurrentDictionary<string, IamRoleArn> _requested = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccountRoles> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>?>>> _policies = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(Math.Max(1, maxParallel));

    public void Request(string? roleArn)
    {
        if (!IamRoleArn.TryParse(roleArn, out var arn) || !_requested.TryAdd(arn.Arn, arn)) return;
        var account = Account(arn.AccountId);
        account.Arns.Enqueue(arn);
        if (!ownAccounts.Contains(arn.AccountId))
            _ = Fetch(account, arn);
        else if (Interlocked.Increment(ref account.Needed) == Math.Max(1, detailsMinRoles))
            _ = account.Details.Value;
        else if (account.Settled && !account.Details.IsValueCreated)
            _ = Fetch(account, arn);
    }

    /// <summary>
    /// Every cluster of the account is collected: the roles it needs are known (but for other accounts' references), so
    /// below the threshold they are read now rather than after the whole run.
    /// </summary>
    public void AccountClustersDone(string accountId)
    {
        var account = Account(accountId);
        account.Settled = true;
        if (account.Details.IsValueCreated) return;
        foreach (var arn in account.Arns)
            _ = Fetch(account, arn);
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
        var fetches = new List<Task<RoleRecord>>(_requested.Count);
        foreach (var group in _requested.Values.GroupBy(a => a.AccountId, StringComparer.Ordinal))
        {
            var account = _accounts[group.Key];
            var details = account.Details.IsValueCreated ? await account.Details.Value : null;
            foreach (var arn in group)
            {
                fetches.Add(details is null ? Fetch(account, arn) : Task.FromResult(FromDetails(arn, details)));
            }
        }

        var records = await Task.WhenAll(fetches);
        var withPolicies = new List<RoleRecord>(records.Length);
        foreach (var record in records)
        {
            var policies = _policies.TryGetValue(record.Arn, out var p) ? await p.Value : null;
            withPolicies.Add(policies is null || !record.Exists ? record : record with { AttachedPolicies = policies });
        }
        return withPolicies.OrderBy(r => r.Arn, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _gate.Dispose();

    private AccountRoles Account(string accountId) =>
        _accounts.GetOrAdd(accountId, id => new AccountRoles(new Lazy<Task<Dictionary<string, RoleDescription>?>>(() => DetailsAsync(id))));

    /// <summary>The role's one GetRole, started on first ask.</summary>
    private Task<RoleRecord> Fetch(AccountRoles account, IamRoleArn arn) =>
        account.Fetches.GetOrAdd(arn.Arn, _ => new Lazy<Task<RoleRecord>>(() => FetchAsync(arn))).Value;

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
            return Record(arn, await tally.Call(() => iam.GetRoleAsync(arn.AccountId, arn.Name, ct)));
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

    /// <summary>GetRole takes the name only (IAM role names are unique per account, case-insensitively); so does this look-up.</summary>
    private static RoleRecord FromDetails(IamRoleArn arn, Dictionary<string, RoleDescription> details) =>
        Record(arn, details.GetValueOrDefault(arn.Name));

    private static RoleRecord Record(IamRoleArn arn, RoleDescription? role) => role is null
        ? new RoleRecord { Arn = arn.Arn, AccountId = arn.AccountId, Name = arn.Name, Path = arn.Path, Exists = false }
        : new RoleRecord
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

    /// <summary>Every role of the account by name; null (with a note) when IAM refuses or fails, so GetRole takes over.</summary>
    private async Task<Dictionary<string, RoleDescription>?> DetailsAsync(string accountId)
    {
        try
        {
            var roles = await tally.Call(() => iam.ListRoleDetailsAsync(accountId, ct));
            var byName = new Dictionary<string, RoleDescription>(roles.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var role in roles)
                byName.TryAdd(role.Name, role);
            return byName;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var why = e is AwsApiException { ErrorCode: "AccessDenied" or "AccessDeniedException" }
                ? "denied (AccessDenied); its roles were read with GetRole one by one. Grant iam:GetAccountAuthorizationDetails for fewer IAM calls"
                : $"failed ({RunTally.Describe(e)}); its roles were read with GetRole one by one";
            tally.Note(new CollectionNote("account", accountId, DetailsOperation, why));
            return null;
        }
    }

    /// <summary>
    /// One account's roles needed (count and ARNs), its GetAccountAuthorizationDetails started at the threshold, whether
    /// its own clusters are all collected, and its GetRoles started.
    /// </summary>
    private sealed class AccountRoles(Lazy<Task<Dictionary<string, RoleDescription>?>> details)
    {
        public int Needed;
        public volatile bool Settled;
        public ConcurrentQueue<IamRoleArn> Arns { get; } = new();
        public ConcurrentDictionary<string, Lazy<Task<RoleRecord>>> Fetches { get; } = new(StringComparer.Ordinal);
        public Lazy<Task<Dictionary<string, RoleDescription>?>> Details { get; } = details;
    }
}
