using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Assessment;
using Migrator.Core.Evidence;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Evidence;

/// <summary>
/// The inventory's CloudTrail sweeps within a page budget: a sweep that stops covers only its newest part, its run gets
/// a note, and only the identities it concerns start their window where it stopped.
/// </summary>
public sealed class UsageEvidenceCollectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Orders = TestEstate.RoleArn("orders");
    private static readonly string Billing = TestEstate.RoleArn("billing");

    private static InventorySnapshot Snapshot() => new TestEstate()
        .Cluster(TestEstate.East, TestEstate.EastIssuer)
        .Cluster(TestEstate.West, TestEstate.WestIssuer)
        .Binding(TestEstate.East, "shop", "orders", Orders, BindingCategory.Ready)
        .Binding(TestEstate.West, "shop", "billing", Billing, BindingCategory.Ready)
        .Snapshot();

    /// <summary>
    /// billing (us-west-2) assumes its role hourly for ten hours; orders (us-east-1) once, five hours ago. A stopped sweep of
    /// us-west-2 concerns billing only; a stopped one of us-east-1 would concern both (the global STS endpoint records there).
    /// </summary>
    private static PagedUses Events()
    {
        var events = new PagedUses(pageSize: 2);
        for (var h = 1; h <= 10; h++)
            events.Add(new AwsScope(TestEstate.Account, "us-west-2"), Use("billing", "billing", TestEstate.WestIssuer, Now.AddHours(-h)));
        events.Add(new AwsScope(TestEstate.Account, "us-east-1"), Use("orders", "orders", TestEstate.EastIssuer, Now.AddHours(-5)));
        return events;
    }

    [Fact]
    public async Task A_sweep_that_stops_at_its_budget_shortens_the_window_of_its_identities_only_and_leaves_a_note()
    {
        var events = Events();
        var collector = new UsageEvidenceCollector(events, new FakeTimeProvider(Now));

        var evidence = await collector.CollectAsync(Snapshot(), TimeSpan.FromDays(1), maxPagesPerSweep: 2, progress: null, default);

        var orders = evidence.Usage.Single(u => u.Key.ServiceAccount == "orders");
        var billing = evidence.Usage.Single(u => u.Key.ServiceAccount == "billing");
        // Two pages of two, newest first: the uses of 1..4 hours ago; the one 4 hours ago may share its second with unread ones.
        Assert.Equal((4, Now.AddHours(-1)), (billing.IrsaCount, billing.LastIrsaAt));
        Assert.Equal(Now.AddHours(-4).AddSeconds(1), billing.WindowStart);
        Assert.Equal((1, Now.AddDays(-1)), (orders.IrsaCount, orders.WindowStart));
        var note = Assert.Single(evidence.Notes);
        Assert.Equal(("cloudtrail", $"{TestEstate.Account}/us-west-2"), (note.Scope, note.Target));
        Assert.Contains("Evidence:MaxPagesPerSweep", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Within_the_budget_every_identity_has_the_whole_window_and_nothing_is_noted()
    {
        var events = Events();
        var heard = new List<EvidenceProgress>();
        var collector = new UsageEvidenceCollector(events, new FakeTimeProvider(Now));

        var evidence = await collector.CollectAsync(Snapshot(), TimeSpan.FromDays(1), maxPagesPerSweep: 100, new Heard(heard), default);

        Assert.Empty(evidence.Notes);
        Assert.All(evidence.Usage, u => Assert.Equal(Now.AddDays(-1), u.WindowStart));
        Assert.Equal(10, evidence.Usage.Single(u => u.Key.ServiceAccount == "billing").IrsaCount);
        var last = heard[^1];
        Assert.Equal((last.Sweeps, events.Pages), (last.SweepsDone, last.Pages));
    }

    [Fact]
    public async Task A_source_without_pages_answers_the_whole_window_as_a_paged_one_read_to_its_end()
    {
        var paged = Events();
        var unpaged = new FakeCredentialUseEvents();
        foreach (var (scope, use) in paged.Recorded)
            unpaged.Add(scope, use);

        var fromPages = await new UsageEvidenceCollector(paged, new FakeTimeProvider(Now)).CollectAsync(Snapshot(), TimeSpan.FromDays(1), int.MaxValue, null, default);
        var whole = await new UsageEvidenceCollector(unpaged, new FakeTimeProvider(Now)).CollectAsync(Snapshot(), TimeSpan.FromDays(1), 1, null, default);

        Assert.Equal(fromPages.Usage, whole.Usage);
        Assert.Empty(whole.Notes);
        Assert.Equal(11, whole.Usage.Sum(u => u.IrsaCount));
    }

    private static CredentialUse Use(string sa, string role, string issuer, DateTimeOffset at) => new()
    {
        Kind = CredentialUseKind.WebIdentity,
        EventId = $"{sa}-{at.ToUnixTimeSeconds()}",
        Time = at,
        RoleArn = TestEstate.RoleArn(role),
        RoleAccountId = TestEstate.Account,
        RoleName = role,
        Namespace = "shop",
        ServiceAccount = sa,
        Issuer = issuer,
    };

    private sealed class Heard(List<EvidenceProgress> heard) : IProgress<EvidenceProgress>
    {
        public void Report(EvidenceProgress value)
        {
            lock (heard) heard.Add(value);
        }
    }

    /// <summary>Recorded uses per scope, served newest first in pages of <c>pageSize</c>, as CloudTrail pages them.</summary>
    private sealed class PagedUses(int pageSize) : ICredentialUseEvents
    {
        private long _pages;

        public long Pages => Interlocked.Read(ref _pages);

        public List<(AwsScope Scope, CredentialUse Use)> Recorded { get; } = [];

        public void Add(AwsScope scope, CredentialUse use) => Recorded.Add((scope, use));

        public async Task<IReadOnlyList<CredentialUse>> LookupAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            (await SweepAsync(scope, kind, from, to, int.MaxValue, null, ct)).Uses;

        public Task<CredentialUseSweep> SweepAsync(AwsScope scope, CredentialUseKind kind, DateTimeOffset from, DateTimeOffset to, int maxPages, Action? pageRead, CancellationToken ct)
        {
            var all = Recorded.Where(r => r.Scope == scope && r.Use.Kind == kind && r.Use.Time >= from && r.Use.Time <= to)
                .Select(r => r.Use).OrderByDescending(u => u.Time).ToList();
            var pages = Math.Max(1, Math.Min(maxPages, (all.Count + pageSize - 1) / pageSize));
            for (var i = 0; i < pages; i++)
            {
                Interlocked.Increment(ref _pages);
                pageRead?.Invoke();
            }
            var read = all.Take(pages * pageSize).ToList();
            var stopped = read.Count < all.Count;
            var covered = stopped ? read[^1].Time.AddSeconds(1) : from;
            return Task.FromResult(new CredentialUseSweep(read, pages, covered, stopped));
        }
    }
}
