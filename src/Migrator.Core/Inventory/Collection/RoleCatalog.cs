using System.Collections.Concurrent;
using Migrator.Core.Ports;
using Migrator.Core.Text;

namespace Migrator.Core.Inventory.Collection;

/// <summary>
/// Reads each unique role ARN once per run, and hands each account's roles over as soon as the account's own clusters
/// are collected and its roles read, so a run holds the roles of the accounts still being collected, not the estate's.
/// <list type="bullet">
/// <item>An account from which at least <c>detailsMinRoles</c> roles are needed is read with one paged
/// GetAccountAuthorizationDetails (Filter=Role), started as soon as its own clusters have asked for that many (or once
/// they are all collected, when the asks of every cluster so far reach it); only the roles asked for are kept. Asks from
/// other accounts' clusters alone do not start it: the run holds the details of the accounts being collected, not of
/// every account referenced so far. The other accounts get one GetRole per role once the account's own clusters are
/// collected (<see cref="AccountClustersDone"/>), so role reads overlap the other accounts' clusters instead of trailing
/// the run.
/// Any account where the details call is denied or fails (one <see cref="CollectionNote"/> per account, the run stays
/// Complete) falls back to GetRole.</item>
/// <item>Once an account's own clusters are collected and its roles read, the roles its own clusters asked for are
/// handed to <c>store</c> (sorted by ARN) and let go, with their part of the account's details. The roles only other
/// accounts' clusters asked for (cross-account references) are kept for <see cref="RestAsync"/>, stored with the
/// run-level rows; so which part holds a role does not depend on which cluster finished first. A role of an account
/// already handed over that another account's cluster asks for later is taken from the details of the roles nobody had
/// asked for (GetRole for an account read role by role), and kept for the rest too.</item>
/// <item>Roles of accounts the run does not cover (cross-account references; in a sharded run, another shard's account)
/// are read with GetRole as soon as they are asked for: every shard reading whole other accounts with the paced
/// details call would queue the shards on each other (measured: a 10-cluster shard's role reads took 10–20 s instead
/// of 1 s).</item>
/// </list>
/// Attached policies are listed only for node roles (the eks-auth:AssumeRoleForPodIdentity check), not for every
/// binding's role. Malformed ARNs are never fetched: the annotation is kept as found and assessment flags it.
/// </summary>
internal sealed class RoleCatalog(
    IIamApi iam,
    RunTally tally,
    int maxParallel,
    int detailsMinRoles,
    IReadOnlySet<string> ownAccounts,
    Func<string, IReadOnlyList<RoleRecord>, Task> store,
    CancellationToken ct) : IDisposable
{
    private const string DetailsOperation = "GetAccountAuthorizationDetails";
    private readonly ConcurrentDictionary<string, Requested> _requested = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccountRoles> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>?>>> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Task<RoleRecord>> _rest = new();
    private readonly ConcurrentQueue<Task> _storing = new();
    private readonly SemaphoreSlim _gate = new(Math.Max(1, maxParallel));

    /// <summary>A role asked for by a cluster of account <paramref name="fromAccount"/>.</summary>
    public void Request(string? roleArn, string fromAccount)
    {
        if (!IamRoleArn.TryParse(roleArn, out var arn)) return;
        var account = Account(arn.AccountId);
        lock (account)
        {
            // Under the account's lock: a second ask can never overtake the first on its way to the account.
            if (account.HandedOver)
            {
                // Its roles are stored: only a role not asked for before is read, for the rest.
                if (account.Asked.Add(RoleFingerprint.Of(arn.Arn)))
                {
                    _rest.Enqueue(WithPoliciesAsync(account.Unasked is { } unasked && !account.Given.Contains(RoleFingerprint.OfName(arn.Name))
                        ? Task.FromResult(FromDetails(arn, unasked))
                        : FetchAsync(arn)));
                }
                return;
            }
            var entry = new Requested(arn);
            var added = _requested.TryAdd(arn.Arn, entry);
            if (!added) entry = _requested[arn.Arn];
            // An account's own clusters all ask before it settles, so Own is final once the account is handed over.
            var ownNow = arn.AccountId == fromAccount && !account.Settled && !entry.Own;
            if (ownNow) entry.Own = true;
            if (added)
            {
                account.Arns.Add(entry);
                // Settled and being handed over without details: read now. Settled with nothing asked before: left for the run's end.
                if (account.Handing && account.Details is null) account.Fetches[arn.Arn] = FetchAsync(arn);
            }
            // Only the account's own clusters start its details early: other accounts' asks alone would start every
            // referenced account's at once and hold them all until their own clusters are collected (at 100x, the
            // roles of most accounts for most of the run). Their asks still count when the account settles.
            if (ownNow && account.Details is null && ++account.Needed == Math.Max(1, detailsMinRoles))
                account.Details = DetailsAsync(arn.AccountId);
        }
    }

    /// <summary>A node role: fetched like any role, plus its attached policy names.</summary>
    public void RequestNodeRole(string? roleArn, string fromAccount)
    {
        if (!IamRoleArn.TryParse(roleArn, out var arn)) return;
        // The policies are asked for first: an account handed over in between would otherwise miss them.
        _ = _policies.GetOrAdd(arn.Arn, _ => new Lazy<Task<IReadOnlyList<string>?>>(() => FetchPoliciesAsync(arn))).Value;
        Request(roleArn, fromAccount);
    }

    /// <summary>
    /// Every cluster of the account is collected: the roles it needs are known (but for other accounts' references),
    /// so they are read now (GetRole below the threshold) and handed over once read; an account none of whose roles was
    /// asked for yet waits for the run's end (<see cref="RestAsync"/>).
    /// </summary>
    public void AccountClustersDone(string accountId) => Settle(Account(accountId), atRunEnd: false);

    /// <summary>
    /// Once every cluster is collected: hands over the accounts not handed over yet (accounts of the run with no
    /// cluster of their own, and those whose clusters asked for none of their roles), waits for every hand-over, and
    /// returns the rest (roles only other accounts' clusters asked for), sorted by ARN.
    /// </summary>
    public async Task<IReadOnlyList<RoleRecord>> RestAsync()
    {
        foreach (var account in _accounts.Values.ToList())
            Settle(account, atRunEnd: true);
        await Task.WhenAll(_storing);
        var rest = await Task.WhenAll(_rest);
        return [.. rest.OrderBy(r => r.Arn, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The account's own clusters are collected (or the run's are): its roles are read (its details at the threshold,
    /// else GetRole) and handed over once read. An account nothing was asked of yet is left open until the run's end
    /// (<paramref name="atRunEnd"/>): handed over empty, a later ask from another account's cluster had no details to be
    /// answered from and cost a GetRole even where every role was to come from the details call.
    /// </summary>
    private void Settle(AccountRoles account, bool atRunEnd)
    {
        lock (account)
        {
            if (account.HandedOver || account.Handing) return;
            account.Settled = true;
            if (account.Arns.Count == 0 && !atRunEnd)
                return;
            account.Handing = true;
            // Every ask of its own clusters is in, and other accounts' so far: enough of them together read the account
            // with its details after all; fewer, with one GetRole each.
            if (account.Details is null && account.Arns.Count >= Math.Max(1, detailsMinRoles))
            {
                account.Details = DetailsAsync(account.Id);
            }
            else if (account.Details is null)
            {
                foreach (var entry in account.Arns)
                    account.Fetches[entry.Arn.Arn] = FetchAsync(entry.Arn);
            }
        }
        _storing.Enqueue(HandOverAsync(account));
    }

    /// <summary>Waits for the hand-overs under way, ignoring their failures (the collection is failing already).</summary>
    public async Task QuietAsync()
    {
        try
        {
            await Task.WhenAll(_storing);
        }
        catch (Exception)
        {
            // The collection's own failure is the one reported.
        }
    }

    public void Dispose() => _gate.Dispose();

    private AccountRoles Account(string accountId) =>
        _accounts.GetOrAdd(accountId, id => new AccountRoles(id) { HandedOver = !ownAccounts.Contains(id) });

    /// <summary>Reads the account's roles, hands over those its own clusters asked for and keeps the rest; lets go of the account's details.</summary>
    private async Task HandOverAsync(AccountRoles account)
    {
        var details = account.Details is { } pending ? await pending : null;
        List<(Requested Entry, Task<RoleRecord> Read)> reads;
        lock (account)
        {
            account.HandedOver = true;
            // From here asks are answered by the account's fingerprints: its entries (ARNs, names, paths) go, which at
            // 100x were about 30 MB of the inventory's 75 MB live at its end.
            reads = new(account.Arns.Count);
            foreach (var entry in account.Arns)
            {
                account.Asked.Add(RoleFingerprint.Of(entry.Arn.Arn));
                _requested.TryRemove(entry.Arn.Arn, out _);
                // From the details; where the details call failed (noted), the GetRole already under way, or one now.
                var read = details is not null ? Task.FromResult(FromDetails(entry.Arn, details))
                    : account.Fetches.TryGetValue(entry.Arn.Arn, out var fetch) ? fetch
                    : FetchAsync(entry.Arn);
                reads.Add((entry, read));
            }
            if (details is not null)
            {
                // In the same lock as HandedOver: an ask from another account's cluster while the hand-over waits (a
                // node role's policies) is answered from these, not with a GetRole (seen once in CI). The roles handed
                // over go; the account's other roles stay for other accounts' clusters that ask later (no GetRole for
                // them), even when none are left: a name absent from them does not exist. A name handed over under
                // another path is read with GetRole. Removed only after every read above: two ARNs asked for may share
                // a name (one under another path), and both are answered from the details.
                foreach (var (entry, _) in reads)
                {
                    details.Remove(entry.Arn.Name);
                    account.Given.Add(RoleFingerprint.OfName(entry.Arn.Name));
                }
                account.Unasked = details;
            }
            account.Arns.Clear();
            account.Fetches.Clear();
            account.Details = null;
        }

        var own = new List<RoleRecord>(reads.Count);
        foreach (var (entry, read) in reads)
        {
            if (entry.Own)
                own.Add(await WithPoliciesAsync(read));
            else
                _rest.Enqueue(WithPoliciesAsync(read));
        }
        if (own.Count > 0)
            await store(account.Id, [.. own.OrderBy(r => r.Arn, StringComparer.Ordinal)]);
    }

    private async Task<RoleRecord> WithPoliciesAsync(Task<RoleRecord> read)
    {
        var record = await read;
        var policies = _policies.TryGetValue(record.Arn, out var p) ? await p.Value : null;
        return policies is null || !record.Exists ? record : record with { AttachedPolicies = policies };
    }

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
    private static RoleRecord FromDetails(IamRoleArn arn, Dictionary<string, HeldRole> details) =>
        Record(arn, details.GetValueOrDefault(arn.Name)?.Expanded());

    /// <summary>A role of an account's details while it waits: its trust policy compacted (the rest is small).</summary>
    private sealed record HeldRole(RoleDescription Description, CompactText Trust)
    {
        public static HeldRole Of(RoleDescription role) => new(role with { TrustPolicy = "", AttachedPolicies = null }, CompactText.Of(role.TrustPolicy));

        public RoleDescription Expanded() => Description with { TrustPolicy = Trust.ToString() };
    }

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

    /// <summary>
    /// Every role of the account by name, its trust policy compacted; null (with a note) when IAM refuses or fails, so
    /// GetRole takes over. An account's roles wait here until its clusters are collected, and those nobody asked for
    /// until the run ends.
    /// </summary>
    private async Task<Dictionary<string, HeldRole>?> DetailsAsync(string accountId)
    {
        try
        {
            var roles = await tally.Call(() => iam.ListRoleDetailsAsync(accountId, ct));
            var byName = new Dictionary<string, HeldRole>(roles.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var role in roles)
            {
                if (!byName.ContainsKey(role.Name))
                    byName[role.Name] = HeldRole.Of(role);
            }
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

    /// <summary>A role asked for, and whether a cluster of its own account asked (which part stores it).</summary>
    private sealed class Requested(IamRoleArn arn)
    {
        public IamRoleArn Arn { get; } = arn;
        public volatile bool Own;
    }

    /// <summary>
    /// One account's roles (guarded by locking the instance): how many its own clusters asked for, the roles asked for
    /// (by any cluster), its details call (started at the threshold) or GetRoles, whether its own clusters are all
    /// collected, and whether its roles were handed over (from the start for an account the run does not cover).
    /// </summary>
    private sealed class AccountRoles(string id)
    {
        public string Id { get; } = id;
        public int Needed;
        public bool Settled;
        /// <summary>Its roles are being read for the hand-over (set when it settles with asks, or at the run's end).</summary>
        public bool Handing;
        public volatile bool HandedOver;
        public Task<Dictionary<string, HeldRole>?>? Details;
        public List<Requested> Arns { get; } = [];
        public Dictionary<string, Task<RoleRecord>> Fetches { get; } = new(StringComparer.Ordinal);
        /// <summary>After the hand-over of an account read by its details: those of the roles nobody had asked for (a name not among them does not exist), and the names handed over.</summary>
        public Dictionary<string, HeldRole>? Unasked;
        /// <summary>The names handed over (<see cref="RoleFingerprint.OfName"/>: IAM role names are unique case-insensitively).</summary>
        public HashSet<UInt128> Given { get; } = [];
        /// <summary>Once handed over: the ARNs asked for so far (<see cref="RoleFingerprint.Of"/>), so each is read once.</summary>
        public HashSet<UInt128> Asked { get; } = [];
    }
}
