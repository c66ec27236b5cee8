using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Collection;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Inventory;

/// <summary>
/// Role collection by account: GetAccountAuthorizationDetails once an account needs AuthorizationDetailsMinRoles
/// roles, GetRole per role below that or when the call is denied (one note per account, the run stays Complete).
/// </summary>
public sealed class RoleDetailsCollectionTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";

    private readonly FakeEstate _estate = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public RoleDetailsCollectionTests()
    {
        // Account A: 6 roles bound (plus 3 nobody uses), account B: 2 roles bound.
        var prod = _estate.Add(A, "us-east-1", "prod");
        for (var i = 0; i < 6; i++)
        {
            var arn = $"arn:aws:iam::{A}:role/apps/app-{i}";
            _estate.AddRole(arn, trust: $$"""{"Version":"2012-10-17","Statement":[{"Sid":"S{{i}}"}]}""", tags: new() { ["team"] = $"t{i}" });
            prod.Sa("apps", $"app-{i}", arn);
        }

        for (var i = 0; i < 3; i++)
            _estate.AddRole($"arn:aws:iam::{A}:role/unused-{i}");
        var other = _estate.Add(B, "us-east-1", "other");
        _estate.AddRole($"arn:aws:iam::{B}:role/b-0");
        _estate.AddRole($"arn:aws:iam::{B}:role/b-1");
        other.Sa("ledger", "b-0", $"arn:aws:iam::{B}:role/b-0").Sa("ledger", "b-1", $"arn:aws:iam::{B}:role/b-1")
            .Sa("ledger", "gone", $"arn:aws:iam::{B}:role/missing");
    }

    private Task<InventorySnapshot> Collect(int minRoles) =>
        new InventoryCollector(_estate, _estate, _estate, _time).CollectAsync(
            new InventoryRequest
            {
                Accounts = [new AccountScope(A, ["us-east-1"]), new AccountScope(B, ["us-east-1"])],
                AuthorizationDetailsMinRoles = minRoles,
            },
            null,
            CancellationToken.None);

    [Fact]
    public async Task An_account_needing_at_least_the_threshold_is_read_in_one_call_the_others_role_by_role()
    {
        var s = await Collect(minRoles: 5);

        Assert.Equal(1, _estate.CallsTo("GetAccountAuthorizationDetails"));
        Assert.Equal(3, _estate.CallsTo("GetRole"));
        Assert.Equal(0, _estate.CallsTo($"GetRole {A}/app-0"));
        Assert.Equal(1, _estate.CallsTo($"GetRole {B}/b-0"));
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Empty(s.Notes);
    }

    [Fact]
    public async Task An_account_below_the_threshold_has_its_roles_read_once_its_own_clusters_are_done_while_others_are_still_read()
    {
        // A's cluster lists its ServiceAccounts only after B's roles were read. Were roles read only after every cluster
        // (as before), B's GetRoles would never come while A's cluster waits: the gate gives up and the test fails.
        var bRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _estate.OnGetRole = (account, _) => { if (account == B) bRead.TrySetResult(); };
        var readFirst = bRead.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        _estate.Clusters[new AwsScope(A, "us-east-1")].Single().ServiceAccountsGate = readFirst;

        var s = await Collect(minRoles: 5);

        Assert.True(await readFirst, "B's roles were not read until every cluster was collected");
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Equal(1, _estate.CallsTo($"GetRole {B}/b-0"));
        Assert.Equal(1, _estate.CallsTo($"GetRole {B}/missing"));
        Assert.Equal(3, _estate.CallsTo("GetRole"));
        Assert.Equal(1, _estate.CallsTo("GetAccountAuthorizationDetails"));
        Assert.Equal(0, _estate.CallsTo($"GetRole {A}/app-0"));
        Assert.Equal(9, s.Roles.Count);
    }

    [Fact]
    public async Task Only_the_roles_needed_are_kept_and_they_equal_what_GetRole_gives()
    {
        var viaGetRole = await Collect(minRoles: 100_000);
        var calls = _estate.CallsTo("GetRole");
        var viaDetails = await Collect(minRoles: 0);

        Assert.Equal(9, calls);
        Assert.Equal(2, _estate.CallsTo("GetAccountAuthorizationDetails"));
        Assert.Equal(calls, _estate.CallsTo("GetRole"));
        Assert.Equal(9, viaDetails.Roles.Count);
        Assert.DoesNotContain(viaDetails.Roles, r => r.Name.StartsWith("unused", StringComparison.Ordinal));
        Assert.False(viaDetails.Roles.Single(r => r.Name == "missing").Exists);
        Assert.Equal(viaGetRole.Roles.Select(Comparable), viaDetails.Roles.Select(Comparable));
    }

    [Fact]
    public async Task A_denied_account_falls_back_to_GetRole_with_one_note_and_the_run_stays_complete()
    {
        _estate.DeniedRoleDetails.Add(A);
        var viaGetRole = await Collect(minRoles: 100_000);
        _estate.Calls.Clear();

        var s = await Collect(minRoles: 0);

        var note = Assert.Single(s.Notes);
        Assert.Equal(("account", A, "GetAccountAuthorizationDetails"), (note.Scope, note.Target, note.Operation));
        Assert.Contains("AccessDenied", note.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Empty(s.Errors);
        Assert.Equal(6, _estate.Calls.Keys.Count(k => k.StartsWith($"GetRole {A}/", StringComparison.Ordinal)));
        Assert.Equal(0, _estate.Calls.Keys.Count(k => k.StartsWith($"GetRole {B}/", StringComparison.Ordinal)));
        Assert.Equal(viaGetRole.Roles.Select(Comparable), s.Roles.Select(Comparable));
    }

    /// <summary>
    /// B's cluster asks for <paramref name="roleNames"/> of A while A's cluster waits until B's roles are read (B settles
    /// once its cluster is in): returns how many details calls had been made by then, and the run.
    /// </summary>
    private async Task<(int DetailsCallsWhenBWasIn, InventorySnapshot Run)> BAsksFirstForAsRoles(int minRoles, params string[] roleNames)
    {
        var other = _estate.Clusters[new AwsScope(B, "us-east-1")].Single();
        foreach (var name in roleNames)
            other.Sa("borrowed", name, $"arn:aws:iam::{A}:role/{name}");
        var detailsWhenBWasIn = -1;
        var bRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _estate.OnGetRole = (account, _) =>
        {
            if (account != B) return;
            Interlocked.CompareExchange(ref detailsWhenBWasIn, _estate.CallsTo("GetAccountAuthorizationDetails"), -1);
            bRead.TrySetResult();
        };
        var readFirst = bRead.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        _estate.Clusters[new AwsScope(A, "us-east-1")].Single().ServiceAccountsGate = readFirst;

        var run = await Collect(minRoles);

        Assert.True(await readFirst, "B's cluster was not collected before A's");
        return (detailsWhenBWasIn, run);
    }

    [Fact]
    public async Task Another_accounts_asks_alone_do_not_start_an_accounts_details_its_own_clusters_do()
    {
        // B's cluster asks for five of A's roles (the threshold) before A's own cluster is collected: A's details wait
        // for A's own asks, so a run does not hold every referenced account's roles while other accounts are collected.
        var (detailsWhenBWasIn, s) = await BAsksFirstForAsRoles(5, "apps/app-0", "apps/app-1", "apps/app-2", "apps/app-3", "apps/app-4");

        Assert.Equal(0, detailsWhenBWasIn);
        Assert.Equal(1, _estate.CallsTo("GetAccountAuthorizationDetails"));
        Assert.Equal(0, _estate.Calls.Keys.Count(k => k.StartsWith($"GetRole {A}/", StringComparison.Ordinal)));
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Equal(9, s.Roles.Count);
    }

    [Fact]
    public async Task An_account_whose_own_and_other_clusters_together_reach_the_threshold_is_read_with_its_details()
    {
        // A's cluster asks for its 6 roles and B's for A's 3 unused ones: 9 in all, the threshold. Neither alone reaches
        // it; once A's cluster is in, A is read with one details call and no GetRole.
        var (_, s) = await BAsksFirstForAsRoles(9, "unused-0", "unused-1", "unused-2");

        Assert.Equal(1, _estate.CallsTo("GetAccountAuthorizationDetails"));
        Assert.Equal(0, _estate.Calls.Keys.Count(k => k.StartsWith($"GetRole {A}/", StringComparison.Ordinal)));
        Assert.Equal(RunStatus.Complete, s.Status);
        Assert.Equal(12, s.Roles.Count);
        Assert.All(s.Roles.Where(r => r.AccountId == A), r => Assert.True(r.Exists));
    }

    [Fact]
    public async Task An_account_whose_clusters_asked_for_none_of_its_roles_is_read_with_its_details_when_another_account_asks_later()
    {
        // C's only cluster has no IRSA binding and is collected first (one cluster at a time, in key order); A's cluster
        // then names C's role. With threshold 0 ("always the details call") C is read with its details, not GetRole:
        // C was handed over with nothing asked and answered the late ask with GetRole before.
        const string c = "100000000000";
        var estate = new FakeEstate();
        estate.Add(c, "us-east-1", "quiet");
        estate.AddRole($"arn:aws:iam::{c}:role/shared", trust: """{"Version":"2012-10-17","Statement":[{"Sid":"C"}]}""");
        estate.Add(A, "us-east-1", "prod").Sa("apps", "borrower", $"arn:aws:iam::{c}:role/shared");

        var s = await CollectOneClusterAtATime(estate, [c, A], minRoles: 0);

        Assert.Equal(0, estate.CallsTo("GetRole"));
        Assert.Equal(1, estate.CallsTo("GetAccountAuthorizationDetails"));
        var role = Assert.Single(s.Roles);
        Assert.True(role.Exists);
        Assert.Contains("\"C\"", role.TrustPolicy, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Complete, s.Status);
    }

    [Fact]
    public async Task Asks_after_an_account_is_handed_over_read_each_role_once_and_a_name_under_another_path_with_GetRole()
    {
        // C is collected first and handed over (details call: it asked for its own role). Then two of A's clusters ask for
        // C's own role again (already stored: no call, not stored twice), both for another role of C nobody had asked
        // for (answered once from C's details, stored once), and one for C's own role's name under another path (a
        // different ARN: IAM names are unique per account, so that is read with GetRole, which looks the name up).
        const string c = "100000000000";
        var estate = new FakeEstate();
        estate.AddRole($"arn:aws:iam::{c}:role/own", trust: """{"Version":"2012-10-17","Statement":[{"Sid":"Own"}]}""");
        estate.AddRole($"arn:aws:iam::{c}:role/spare", trust: """{"Version":"2012-10-17","Statement":[{"Sid":"Spare"}]}""");
        estate.Add(c, "us-east-1", "c-first").Sa("apps", "own", $"arn:aws:iam::{c}:role/own");
        estate.Add(A, "us-east-1", "prod-1").Sa("apps", "again", $"arn:aws:iam::{c}:role/own").Sa("apps", "spare", $"arn:aws:iam::{c}:role/spare");
        estate.Add(A, "us-east-1", "prod-2").Sa("apps", "spare", $"arn:aws:iam::{c}:role/spare").Sa("apps", "moved", $"arn:aws:iam::{c}:role/elsewhere/own");

        var s = await CollectOneClusterAtATime(estate, [c, A], minRoles: 1);

        Assert.Equal(1, estate.CallsTo("GetAccountAuthorizationDetails"));
        Assert.Equal(1, estate.CallsTo("GetRole"));
        Assert.Equal(
            [$"arn:aws:iam::{c}:role/elsewhere/own", $"arn:aws:iam::{c}:role/own", $"arn:aws:iam::{c}:role/spare"],
            s.Roles.Select(r => r.Arn).Order(StringComparer.Ordinal));
        Assert.Contains("\"Spare\"", s.Roles.Single(r => r.Name == "spare").TrustPolicy, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Complete, s.Status);
    }

    [Fact]
    public async Task An_ask_while_the_account_is_handed_over_is_answered_from_its_details()
    {
        // C's cluster is collected first and C is handed over with its details; its node role's attached policies are
        // held, so the hand-over is still waiting when A's cluster asks for a role of C nobody had asked for. That ask
        // is answered from C's details: no GetRole (one came in CI, when the details were only kept after the wait).
        const string c = "100000000000";
        var estate = new FakeEstate();
        estate.AddRole($"arn:aws:iam::{c}:role/node", policies: ["AmazonEKSWorkerNodePolicy"]);
        estate.AddRole($"arn:aws:iam::{c}:role/own");
        estate.AddRole($"arn:aws:iam::{c}:role/spare", trust: """{"Version":"2012-10-17","Statement":[{"Sid":"Spare"}]}""");
        var first = estate.Add(c, "us-east-1", "c-first").Sa("apps", "own", $"arn:aws:iam::{c}:role/own");
        first.Nodegroups.Add(new NodegroupDescription("ng", $"arn:aws:iam::{c}:role/node", "AL2023_x86_64_STANDARD", "ON_DEMAND", new Dictionary<string, string>()));
        var borrower = estate.Add(A, "us-east-1", "prod").Sa("apps", "spare", $"arn:aws:iam::{c}:role/spare");
        var policiesHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        estate.ListAttachedRolePoliciesHeldUntil = policiesHeld.Task;
        var sink = new ReleasingSink(borrower.Ref.Key, policiesHeld);

        var run = await new InventoryCollector(estate, estate, estate, _time).CollectAsync(
            new InventoryRequest
            {
                Accounts = [new AccountScope(c, ["us-east-1"]), new AccountScope(A, ["us-east-1"])],
                AuthorizationDetailsMinRoles = 1,
                MaxParallelClusters = 1,
            },
            null,
            sink,
            CancellationToken.None);
        var s = sink.Assemble(run);

        Assert.True(sink.ReleasedByBorrower, "the node role's policies were not still held when A's cluster was stored");
        Assert.Equal(0, estate.CallsTo("GetRole"));
        Assert.Equal(1, estate.CallsTo("GetAccountAuthorizationDetails"));
        var spare = s.Roles.Single(r => r.Name == "spare");
        Assert.True(spare.Exists);
        Assert.Contains("\"Spare\"", spare.TrustPolicy, StringComparison.Ordinal);
        Assert.Equal(["AmazonEKSWorkerNodePolicy"], s.Roles.Single(r => r.Name == "node").AttachedPolicies);
        Assert.Equal(RunStatus.Complete, s.Status);
    }

    /// <summary>Assembles the run; releases the held policies once the given cluster's part is stored (its asks are in by then).</summary>
    private sealed class ReleasingSink(string clusterKey, TaskCompletionSource release) : IInventoryPartSink
    {
        private readonly SnapshotAssembly _assembly = new();

        public bool ReleasedByBorrower { get; private set; }

        public Task BeginAsync(DateTimeOffset startedAt, CancellationToken ct) => _assembly.BeginAsync(startedAt, ct);

        public Task AppendAsync(InventoryPart part, CancellationToken ct)
        {
            if (part.Rows.Clusters.Any(k => k.Ref.Key == clusterKey))
                ReleasedByBorrower = release.TrySetResult();
            return _assembly.AppendAsync(part, ct);
        }

        public InventorySnapshot Assemble(InventorySnapshot run) => _assembly.Assemble(run);
    }

    /// <summary>The accounts' clusters collected one at a time, in key order (the accounts' ids order them here).</summary>
    private Task<InventorySnapshot> CollectOneClusterAtATime(FakeEstate estate, string[] accounts, int minRoles) =>
        new InventoryCollector(estate, estate, estate, _time).CollectAsync(
            new InventoryRequest
            {
                Accounts = [.. accounts.Select(a => new AccountScope(a, ["us-east-1"]))],
                AuthorizationDetailsMinRoles = minRoles,
                MaxParallelClusters = 1,
            },
            null,
            CancellationToken.None);

    private static string Comparable(RoleRecord r) =>
        $"{r.Arn}|{r.Name}|{r.Path}|{r.Exists}|{r.TrustPolicy}|{string.Join(",", r.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))}|{r.LastUsedAt}|{r.LastUsedRegion}|{r.LookupError}";
}
