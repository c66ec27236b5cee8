using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Progress;
using Migrator.Integration.Tests.Postgres;
using Migrator.Storage;
using Migrator.Storage.Assessment;
using Migrator.Storage.Inventory;
using Migrator.Storage.Progress;

namespace Migrator.Integration.Tests.Storage;

/// <summary>The migration scope and the progress figures over a real SQLite file.</summary>
public sealed class SqliteScopeStoreTests() : ScopeStoreTests(StorageProvider.Sqlite);

/// <summary>The same over a real PostgreSQL database.</summary>
public sealed class PostgresScopeStoreTests() : ScopeStoreTests(StorageProvider.Postgres), IPostgresVariant;

/// <summary>The migration scope and the progress figures, against each storage provider.</summary>
public abstract class ScopeStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ClusterRef Prod = SnapshotSamples.Prod;
    private readonly FakeTimeProvider _time = new(At);
    private StorageUnderTest _storage = null!;
    private SqliteScopeStore _scopes = null!;
    private SqliteAssessmentStore _assessments = null!;
    private SqliteInventoryStore _inventory = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageUnderTest.CreateAsync(provider, _time);
        _scopes = new SqliteScopeStore(_storage.Database);
        _assessments = new SqliteAssessmentStore(_storage.Database);
        _inventory = new SqliteInventoryStore(_storage.Database);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static BindingKey Key(string sa) => new(Prod, "shop", sa);

    private static ScopeMember Member(string sa, long from, ScopeOrigin origin = ScopeOrigin.Planned) => new()
    {
        Key = Key(sa), Origin = origin, PlanId = origin == ScopeOrigin.Planned ? "plan-1" : null, FromRunId = from, AddedAt = At, AddedBy = "first plan",
    };

    /// <summary>Stores a run with the given status whose assessment has these identities (Migrated = on Pod Identity).</summary>
    private async Task<long> RunAsync(int day, RunStatus status, params (string Sa, BindingCategory Category, string[] Codes)[] identities)
    {
        var id = await _inventory.SaveSnapshotAsync(SnapshotSamples.Full(At.AddDays(day)) with { Status = status }, CancellationToken.None);
        await _assessments.SaveAsync(new AssessmentResult
        {
            RunId = id,
            AssessedAt = At.AddDays(day),
            Bindings = identities.Select(i => new BindingAssessment
            {
                Key = Key(i.Sa), RoleArn = "arn:aws:iam::111111111111:role/r", AssociationRoleArn = "arn:aws:iam::111111111111:role/r",
                Category = i.Category, Score = 100,
                Reasons = i.Codes.Select(c => new AssessmentReason(c, ReasonSeverity.Blocker, "trust reverted", "no pods.eks statement", "add it back", 100)).ToList(),
            }).ToList(),
        }, CancellationToken.None);
        return id;
    }

    private async Task<ScopeProgress?> ProgressAsync(long runId, int trendRuns = 10)
    {
        var runs = (await _inventory.ListRunsAsync(CancellationToken.None)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.Status == RunStatus.Complete)).ToList();
        return await new ScopeTracker(_scopes, _assessments).ProgressAsync(runs, runId, null, trendRuns, CancellationToken.None);
    }

    [StorageFact]
    public async Task The_first_scope_stays_fixed_and_changes_are_recorded_with_who_when_and_why()
    {
        Assert.Null(await _scopes.LoadAsync(CancellationToken.None));
        var first = new MigrationScope { FixedByPlanId = "plan-1", FixedFromRunId = 1, FixedAt = At, Members = [Member("a", 1), Member("n", 1, ScopeOrigin.Native)] };
        Assert.True(await _scopes.FixAsync(first, CancellationToken.None));
        // A later plan does not change it.
        Assert.False(await _scopes.FixAsync(first with { FixedByPlanId = "plan-2", Members = [Member("other", 2)] }, CancellationToken.None));
        Assert.Equal("plan-1", (await _scopes.LoadAsync(CancellationToken.None))!.FixedByPlanId);

        var added = await _scopes.AddAsync([Member("a", 3, ScopeOrigin.Added), Member("b", 3, ScopeOrigin.Added) with { AddedBy = "alice" }], CancellationToken.None);
        Assert.Equal(["b"], added.Select(m => m.Key.ServiceAccount));
        var removed = await _scopes.RemoveAsync([Key("a"), Key("missing")], "bob", "decommissioned", At.AddDays(1), 3, CancellationToken.None);
        Assert.Equal([Key("a")], removed);
        Assert.Single(await _scopes.AddAsync([Member("a", 4, ScopeOrigin.Added)], CancellationToken.None));

        var scope = (await _scopes.LoadAsync(CancellationToken.None))!;
        Assert.Equal(("plan-1", 1L, At), (scope.FixedByPlanId, scope.FixedFromRunId, scope.FixedAt));
        var a = scope.Members.Where(m => m.Key == Key("a")).ToList();
        Assert.Equal(2, a.Count);
        Assert.Equal(("bob", "decommissioned", 3L, At.AddDays(1)), (a[0].RemovedBy!, a[0].RemovalReason!, a[0].UntilRunId!.Value, a[0].RemovedAt!.Value));
        Assert.True(a[1].IsActive);
        Assert.Equal(("alice", ScopeOrigin.Added), scope.Members.Where(m => m.Key == Key("b")).Select(m => (m.AddedBy, m.Origin)).Single());
        Assert.Equal(["a", "b", "n"], scope.Active.Select(m => m.Key.ServiceAccount).Order());
    }

    [StorageFact]
    public async Task Adding_before_any_scope_is_refused_with_the_fix()
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => _scopes.AddAsync([Member("a", 1)], CancellationToken.None));
        Assert.Contains("first plan", e.Message, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task Progress_counts_the_scope_in_sql_finds_the_regression_and_its_first_run_off_and_skips_partial_runs()
    {
        var r1 = await RunAsync(0, RunStatus.Complete, ("a", BindingCategory.Ready, []), ("b", BindingCategory.Ready, []), ("n", BindingCategory.Migrated, []));
        await _scopes.FixAsync(new MigrationScope { FixedByPlanId = "plan-1", FixedFromRunId = r1, FixedAt = At, Members = [Member("a", r1), Member("b", r1), Member("n", r1, ScopeOrigin.Native)] }, CancellationToken.None);
        var r2 = await RunAsync(1, RunStatus.Complete, ("a", BindingCategory.Migrated, []), ("b", BindingCategory.Migrated, []), ("n", BindingCategory.Migrated, []));
        // Terraform reverts a's trust: broken from run 3 on; b's ServiceAccount is deleted in run 4.
        var r3 = await RunAsync(2, RunStatus.Complete, ("a", BindingCategory.Broken, ["broken.pod-identity-trust-denies"]), ("b", BindingCategory.Migrated, []), ("n", BindingCategory.Migrated, []));
        var r4 = await RunAsync(3, RunStatus.Complete, ("a", BindingCategory.Broken, ["broken.pod-identity-trust-denies"]), ("n", BindingCategory.Migrated, []));
        var r5 = await RunAsync(4, RunStatus.Partial, ("n", BindingCategory.Migrated, []));

        var counts = await _scopes.CountAsync([r1, r2, r3, r4, 999], CancellationToken.None);
        Assert.Equal([(r1, 3, 1), (r2, 3, 3), (r3, 3, 2), (r4, 2, 1)], counts.Select(c => (c.RunId, c.Present, c.OnPodIdentity)));

        var history = await _scopes.LastOnPodIdentityAsync(r1, r4, CancellationToken.None);
        Assert.Equal((r2, r3), (history[Key("a")].LastOnRunId, history[Key("b")].LastOnRunId));
        var firstOff = await _scopes.FirstOffPodIdentityAsync(new Dictionary<BindingKey, long> { [Key("a")] = r2, [Key("n")] = r4 }, r4, CancellationToken.None);
        Assert.Equal(r3, Assert.Single(firstOff).Value);

        // The partial run 5 misses most of the estate: progress comes from run 4, the latest complete one.
        var progress = (await ProgressAsync(r5))!;
        Assert.Equal((r5, r4), (progress.RunId, progress.BasisRunId));
        Assert.Equal((3, 1, 1, 1), (progress.Scope, progress.OnPodIdentity, progress.Regressed, progress.Gone));
        var regression = Assert.Single(progress.Regressions);
        Assert.Equal((Key("a"), r2, r3, At.AddDays(2)), (regression.Key, regression.LastOnRunId, regression.SinceRunId, regression.Since));
        Assert.Equal(["broken.pod-identity-trust-denies"], regression.Codes);
        Assert.Equal([(r1, 1), (r2, 3), (r3, 2), (r4, 1)], progress.Trend.Select(t => (t.RunId, t.OnPodIdentity)));
        Assert.All(progress.Trend, t => Assert.Equal(3, t.Scope));

        Assert.Equal([r3, r4], (await ProgressAsync(r4, trendRuns: 2))!.Trend.Select(t => t.RunId));
    }

    [StorageFact]
    public async Task The_revert_guard_reads_the_plans_bindings_only_when_a_regression_or_a_cleanup_gives_it_something_to_name()
    {
        var terraform = new Core.Ownership.ResourceOwner(Core.Ownership.OwnerKind.Terraform, null, "tag managed-by=terraform");
        var r1 = await RunAsync(0, RunStatus.Complete, ("a", BindingCategory.Ready, []), ("b", BindingCategory.Ready, []));
        var plan = new Core.Planning.MigrationPlan
        {
            Id = "plan-1", RunId = r1, CreatedAt = At, Settings = new Core.Planning.PlanningSettings(),
            Phases =
            [
                new Core.Planning.Phase
                {
                    Number = 1, Kind = Core.Planning.PhaseKind.Canary, Title = "P1",
                    Bindings = new[] { "a", "b" }.Select(sa => new Core.Planning.PlannedBinding
                    {
                        Key = Key(sa), RoleArn = "arn:aws:iam::111111111111:role/r", Category = BindingCategory.Ready, RoleOwner = sa == "a" ? terraform : null,
                    }).ToList(),
                },
            ],
        };
        var plans = new CountingPlanStore(new Migrator.Storage.Execution.SqlitePlanStore(_storage.Database));
        await ((Core.Ports.IPlanStore)plans).SaveAsync(plan, CancellationToken.None);
        await _scopes.FixAsync(new MigrationScope { FixedByPlanId = "plan-1", FixedFromRunId = r1, FixedAt = At, Members = [Member("a", r1), Member("b", r1)] }, CancellationToken.None);
        var tracker = new ScopeTracker(_scopes, _assessments, plans, new Migrator.Storage.Execution.SqliteExecutionJournal(_storage.Database));
        async Task<ScopeProgress> Progress(long runId) =>
            (await tracker.ProgressAsync((await _inventory.ListRunsAsync(CancellationToken.None)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.Status == RunStatus.Complete)).ToList(), runId, null, 10, CancellationToken.None))!;

        var r2 = await RunAsync(1, RunStatus.Complete, ("a", BindingCategory.Migrated, []), ("b", BindingCategory.Migrated, []));
        Assert.Empty((await Progress(r2)).Regressions);
        Assert.Equal(0, plans.BindingReads);
        Assert.Equal(0, plans.WholeReads);

        // Terraform puts a's trust back: the regression names the role's owner, from the plan's bindings (not the whole plan).
        var r3 = await RunAsync(2, RunStatus.Complete, ("a", BindingCategory.Broken, ["broken.pod-identity-trust-denies"]), ("b", BindingCategory.Migrated, []));
        Assert.Equal("Terraform", Assert.Single((await Progress(r3)).Regressions).Owner);
        Assert.Equal(1, plans.BindingReads);
        Assert.Equal(0, plans.WholeReads);
    }

    [StorageFact]
    public async Task Progress_streams_verdicts_and_reads_the_whole_assessment_only_when_a_regression_quotes_its_reasons()
    {
        var r1 = await RunAsync(0, RunStatus.Complete, ("a", BindingCategory.Ready, []), ("b", BindingCategory.Ready, []));
        await _scopes.FixAsync(new MigrationScope { FixedByPlanId = "plan-1", FixedFromRunId = r1, FixedAt = At, Members = [Member("a", r1), Member("b", r1)] }, CancellationToken.None);
        var r2 = await RunAsync(1, RunStatus.Complete, ("a", BindingCategory.Migrated, []), ("b", BindingCategory.Ready, []));
        var counting = new CountingAssessmentStore(_assessments);
        async Task<ScopeProgress> Progress(long runId) =>
            (await new ScopeTracker(_scopes, counting).ProgressAsync((await _inventory.ListRunsAsync(CancellationToken.None)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.Status == RunStatus.Complete)).ToList(), runId, null, 10, CancellationToken.None))!;

        Assert.Equal((1, 1), ((await Progress(r2)).OnPodIdentity, (await Progress(r2)).NotYet));
        Assert.Equal((2, 0), (counting.VerdictReads, counting.WholeReads));

        var r3 = await RunAsync(2, RunStatus.Complete, ("a", BindingCategory.Broken, ["broken.pod-identity-trust-denies"]), ("b", BindingCategory.Ready, []));
        var regression = Assert.Single((await Progress(r3)).Regressions);
        Assert.Equal((3, 1), (counting.VerdictReads, counting.WholeReads));
        // The regression quotes the reason's evidence and suggested action, as it does from the whole assessment.
        Assert.Equal(("trust reverted (no pods.eks statement)", "add it back"), (regression.Why, regression.Fix));

        // A report holds the run's assessment read with the evidence it shows only: a regression whose reason's evidence
        // was left out (not a broken binding's) is quoted from the whole assessment, read then.
        var r4 = await RunAsync(3, RunStatus.Complete, ("a", BindingCategory.Coordinate, ["coordinate.shared-role"]), ("b", BindingCategory.Ready, []));
        var held = (await _assessments.LoadAsync(r4, Core.Ports.AssessmentParts.ForReport, CancellationToken.None))!;
        Assert.Equal("", held.Bindings.Single(b => b.Key == Key("a")).Reasons.Single().Evidence);
        var runs = (await _inventory.ListRunsAsync(CancellationToken.None)).Select(r => new ScopeRun(r.RunId, r.StartedAt, r.Status == RunStatus.Complete)).ToList();
        var quoted = Assert.Single((await new ScopeTracker(_scopes, counting).ProgressAsync(runs, r4, held, 10, CancellationToken.None))!.Regressions);
        Assert.Equal(("trust reverted (no pods.eks statement)", "add it back"), (quoted.Why, quoted.Fix));
        Assert.Equal((3, 2), (counting.VerdictReads, counting.WholeReads));
    }

    /// <summary>Counts how an assessment is read, loaded or streamed: whole, or its verdicts.</summary>
    private sealed class CountingAssessmentStore(Core.Ports.IAssessmentStore inner) : Core.Ports.IAssessmentStore
    {
        public int WholeReads { get; private set; }
        public int VerdictReads { get; private set; }

        public Task<Core.Ports.IAssessmentWriter> BeginAsync(long runId, DateTimeOffset assessedAt, CancellationToken ct) => inner.BeginAsync(runId, assessedAt, ct);
        public Task SaveAsync(AssessmentResult result, CancellationToken ct) => inner.SaveAsync(result, ct);
        public Task<AssessmentResult?> LoadAsync(long? runId, CancellationToken ct) { WholeReads++; return inner.LoadAsync(runId, ct); }
        public Task<AssessmentResult?> LoadVerdictsAsync(long? runId, CancellationToken ct) { VerdictReads++; return inner.LoadVerdictsAsync(runId, ct); }
        public Task<long?> AssessedRunAsync(long? runId, CancellationToken ct) => inner.AssessedRunAsync(runId, ct);
        public IAsyncEnumerable<BindingAssessment> StreamVerdictsAsync(long runId, CancellationToken ct) { VerdictReads++; return inner.StreamVerdictsAsync(runId, ct); }
        public IAsyncEnumerable<BindingAssessment> StreamAsync(long runId, Core.Ports.AssessmentParts parts, CancellationToken ct)
        {
            if (parts == Core.Ports.AssessmentParts.All) WholeReads++;
            else VerdictReads++;
            return inner.StreamAsync(runId, parts, ct);
        }
        public Task<IReadOnlyDictionary<BindingCategory, int>?> LoadCategoryCountsAsync(long runId, CancellationToken ct) => inner.LoadCategoryCountsAsync(runId, ct);
    }

    /// <summary>Counts how a plan is read: whole, or only its bindings.</summary>
    private sealed class CountingPlanStore(Core.Ports.IPlanStore inner) : Core.Ports.IPlanStore
    {
        public int WholeReads { get; private set; }
        public int BindingReads { get; private set; }

        public Task SaveAsync(Core.Planning.PlanDraft plan, CancellationToken ct) => inner.SaveAsync(plan, ct);
        public Task<Core.Planning.MigrationPlan?> LoadAsync(string? planId, CancellationToken ct) { WholeReads++; return inner.LoadAsync(planId, ct); }
        public Task<Core.Planning.PlanOutline?> LoadOutlineAsync(string planId, CancellationToken ct) => inner.LoadOutlineAsync(planId, ct);
        public Task<IReadOnlyList<Core.Planning.PlannedBinding>?> LoadPlannedBindingsAsync(string planId, CancellationToken ct) { BindingReads++; return inner.LoadPlannedBindingsAsync(planId, ct); }
        public Task<IReadOnlyList<Core.Ports.PlanSummary>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);
        public Task ApproveAsync(Core.Execution.PhaseApproval approval, CancellationToken ct) => inner.ApproveAsync(approval, ct);
        public Task<IReadOnlyList<Core.Execution.PhaseApproval>> GetApprovalsAsync(string planId, CancellationToken ct) => inner.GetApprovalsAsync(planId, ct);
    }

    [StorageFact]
    public async Task Without_a_scope_or_before_it_was_fixed_there_is_no_progress()
    {
        var r1 = await RunAsync(0, RunStatus.Complete, ("a", BindingCategory.Ready, []));
        Assert.Null(await ProgressAsync(r1));
        var r2 = await RunAsync(1, RunStatus.Complete, ("a", BindingCategory.Ready, []));
        await _scopes.FixAsync(new MigrationScope { FixedByPlanId = "plan-1", FixedFromRunId = r2, FixedAt = At, Members = [Member("a", r2)] }, CancellationToken.None);
        Assert.Null(await ProgressAsync(r1));
        Assert.Equal(1, (await ProgressAsync(r2))!.NotYet);
    }
}
