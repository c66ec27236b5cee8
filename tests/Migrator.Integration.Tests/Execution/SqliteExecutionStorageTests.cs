using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Integration.Tests.Postgres;
using Migrator.Storage;
using Migrator.Storage.Execution;

namespace Migrator.Integration.Tests.Execution;

/// <summary>Plans, approvals, the journal and the plan lock over a real SQLite file.</summary>
public sealed class SqliteExecutionStorageTests() : ExecutionStorageTests(StorageProvider.Sqlite);

/// <summary>The same over a real PostgreSQL database (the plan lock is a session advisory lock there).</summary>
public sealed class PostgresExecutionStorageTests() : ExecutionStorageTests(StorageProvider.Postgres), IPostgresVariant
{
    [StorageFact]
    public async Task A_lock_lost_with_its_database_session_stops_the_next_step_before_it_is_journalled()
    {
        var planId = $"plan-{Guid.NewGuid():N}";
        var journal = new SqliteExecutionJournal(Database);
        await using var held = await journal.AcquireLockAsync(planId, "host-a pid 1 (phase run 1)", At, CancellationToken.None);
        JournalEntry Step(string id) => new()
        {
            PlanId = planId, Phase = 1, StepId = id, StepKind = StepKind.AddPodIdentityTrust, RoleArn = "arn:aws:iam::111111111111:role/r",
            Status = JournalStatus.Started, Before = "{}", IntendedAfter = "{}", StartedAt = At,
        };
        await journal.AppendAsync(Step("p1/trust/a"), CancellationToken.None);

        // The lock's session ends as in a database restart or failover (the server terminates it).
        await using (var admin = await Database.OpenAsync(CancellationToken.None))
        {
            await using var terminate = admin.CreateCommand();
            terminate.CommandText = $"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'migrator plan lock {planId}';";
            Assert.Equal(1L, Convert.ToInt64(await terminate.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        var e = await Assert.ThrowsAsync<PlanLockLostException>(() => journal.AppendAsync(Step("p1/trust/b"), CancellationToken.None));
        Assert.Contains($"the execution lock of plan {planId} was lost", e.Message, StringComparison.Ordinal);
        Assert.Contains("phase run", e.Message, StringComparison.Ordinal);
        Assert.Equal(["p1/trust/a"], (await journal.LoadAsync(planId, CancellationToken.None)).Select(x => x.StepId));
        // The lock is free for another executor, which may then journal its steps.
        await using var next = await new SqliteExecutionJournal(Database).AcquireLockAsync(planId, "host-b pid 2 (phase run 1)", At, CancellationToken.None);
    }
}

public abstract class ExecutionStorageTests(StorageProvider provider) : IAsyncLifetime
{
    protected static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private StorageUnderTest _storage = null!;

    protected IStateDatabase Database => _storage.Database;

    public async Task InitializeAsync() => _storage = await StorageUnderTest.CreateAsync(provider, new FakeTimeProvider(At));

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static MigrationPlan Plan(string id) => new()
    {
        Id = id,
        RunId = 3,
        CreatedAt = At,
        Settings = new PlanningSettings(),
        Phases =
        [
            new Phase
            {
                Number = 1, Kind = PhaseKind.Canary, Title = "P1",
                Steps = [new CreateAssociationStep { Id = "p1/assoc/x", Cluster = new ClusterRef("111111111111", "us-east-1", "prod"), Binding = new BindingKey(new ClusterRef("111111111111", "us-east-1", "prod"), "ns", "sa"), RoleArn = "arn:aws:iam::111111111111:role/r" }],
            },
        ],
    };

    [StorageFact]
    public async Task Plans_and_approvals_round_trip_and_the_newest_plan_is_the_default()
    {
        var store = new SqlitePlanStore(Database);
        await store.SaveAsync(Plan("plan-a"), CancellationToken.None);
        await store.SaveAsync(Plan("plan-b") with { CreatedAt = At.AddMinutes(1) }, CancellationToken.None);
        await store.ApproveAsync(new PhaseApproval("plan-a", 1, "alice", At), CancellationToken.None);
        await store.ApproveAsync(new PhaseApproval("plan-a", 1, "mallory", At.AddHours(1)), CancellationToken.None);

        var latest = await store.LoadAsync(null, CancellationToken.None);
        var a = await store.LoadAsync("plan-a", CancellationToken.None);
        var approvals = await store.GetApprovalsAsync("plan-a", CancellationToken.None);

        Assert.Equal("plan-b", latest!.Id);
        Assert.Equal(PlanJson.Serialize(Plan("plan-a")), PlanJson.Serialize(a!));
        Assert.Equal("alice", Assert.Single(approvals).ApprovedBy);
        Assert.Null(await store.LoadAsync("missing", CancellationToken.None));
    }

    [StorageFact]
    public async Task Approving_again_with_other_forced_direct_owners_records_that_decision_and_the_same_approval_changes_nothing()
    {
        var store = new SqlitePlanStore(Database);
        await store.SaveAsync(Plan("plan-a"), CancellationToken.None);
        await store.ApproveAsync(new PhaseApproval("plan-a", 1, "alice", At), CancellationToken.None);
        Assert.Empty(Assert.Single(await store.GetApprovalsAsync("plan-a", CancellationToken.None)).ForcedDirect);

        await store.ApproveAsync(new PhaseApproval("plan-a", 1, "bob", At.AddHours(1), ["terraform", "prod/ns/sa"]), CancellationToken.None);
        await store.ApproveAsync(new PhaseApproval("plan-a", 1, "mallory", At.AddHours(2), ["terraform", "prod/ns/sa"]), CancellationToken.None);

        var approval = Assert.Single(await store.GetApprovalsAsync("plan-a", CancellationToken.None));
        Assert.Equal(("bob", At.AddHours(1)), (approval.ApprovedBy, approval.ApprovedAt));
        Assert.Equal(["terraform", "prod/ns/sa"], approval.ForcedDirect);
    }

    [StorageFact]
    public async Task A_plan_is_stored_a_phase_a_row_and_its_outline_lists_every_step_id_in_order()
    {
        var store = new SqlitePlanStore(Database);
        var plan = Plan("plan-a");
        plan = plan with
        {
            Phases = [.. plan.Phases, new Phase { Number = 2, Kind = PhaseKind.Cleanup, Title = "P2 cleanup", CleanupOf = 1, Soak = TimeSpan.FromDays(3) }],
        };
        await store.SaveAsync(plan, CancellationToken.None);

        var outline = await store.LoadOutlineAsync("plan-a", CancellationToken.None);
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = await Dapper.SqlMapper.QueryAsync<long>(connection, "SELECT number FROM plan_phases WHERE plan_id = 'plan-a' ORDER BY number");

        Assert.Equal([1L, 2L], rows);
        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize((await store.LoadAsync("plan-a", CancellationToken.None))!));
        Assert.Equal(PlanOutline.Of(plan).Phases.Select(p => (p.Number, p.Kind, p.Title)), outline!.Phases.Select(p => (p.Number, p.Kind, p.Title)));
        Assert.Equal(["p1/assoc/x"], outline.Phases[0].StepIds);
        Assert.Empty(outline.Phases[1].StepIds);
        Assert.Null(await store.LoadOutlineAsync("missing", CancellationToken.None));
        // The phases alone: the same numbers, kinds, titles and step counts, without reading a step id.
        var phases = (await store.LoadPhasesAsync("plan-a", CancellationToken.None))!;
        Assert.Equal(outline.Phases.Select(p => (p.Number, p.Kind, p.Title, p.StepCount)), phases.Phases.Select(p => (p.Number, p.Kind, p.Title, p.StepCount)));
        Assert.Equal([1, 0], phases.Phases.Select(p => p.StepCount));
        Assert.All(phases.Phases, p => Assert.Empty(p.StepIds));
        Assert.Null(await store.LoadPhasesAsync("missing", CancellationToken.None));
    }

    [StorageFact]
    public async Task A_plans_bindings_are_read_without_its_steps_equal_to_the_whole_plans_phase_by_phase()
    {
        var prod = new ClusterRef("111111111111", "us-east-1", "prod");
        PlannedBinding Bound(string sa, Core.Ownership.ResourceOwner? roleOwner) => new()
        {
            Key = new BindingKey(prod, "ns", sa), RoleArn = $"arn:aws:iam::111111111111:role/{sa}", Category = Core.Assessment.BindingCategory.Ready, Score = 90,
            Issuer = "oidc.eks.us-east-1.amazonaws.com/id/ABC", PodCount = 2, Workloads = [new Core.Assessment.WorkloadRef(WorkloadKind.Deployment, "ns", sa)],
            RoleOwner = roleOwner, RoleMode = roleOwner is null ? Core.Ownership.ExecutionMode.Direct : Core.Ownership.ExecutionMode.ChangeSet,
            ServiceAccountOwner = new Core.Ownership.ResourceOwner(Core.Ownership.OwnerKind.Helm, "payments/api", "label app.kubernetes.io/managed-by=Helm"),
        };
        var plan = Plan("plan-b");
        plan = plan with
        {
            Phases =
            [
                plan.Phases[0] with { Bindings = [Bound("a", null)] },
                new Phase { Number = 2, Kind = PhaseKind.Wave, Title = "P2", Bindings = [Bound("b", new(Core.Ownership.OwnerKind.Terraform, null, "tag managed-by=terraform")), Bound("c", null)] },
                new Phase { Number = 3, Kind = PhaseKind.Cleanup, Title = "P3 cleanup", CleanupOf = 1, Soak = TimeSpan.FromDays(3) },
            ],
        };
        var store = new SqlitePlanStore(Database);
        await store.SaveAsync(plan, CancellationToken.None);

        var read = await store.LoadPlannedBindingsAsync("plan-b", CancellationToken.None);

        var whole = (await store.LoadAsync("plan-b", CancellationToken.None))!.Phases.SelectMany(p => p.Bindings).ToList();
        Assert.Equal(["a", "b", "c"], read!.Select(b => b.Key.ServiceAccount));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole, PlanJson.Compact), System.Text.Json.JsonSerializer.Serialize(read, PlanJson.Compact));
        Assert.Equal("Terraform", read![1].RoleOwner!.Display);
        Assert.Null(await store.LoadPlannedBindingsAsync("missing", CancellationToken.None));
    }

    [StorageFact]
    public async Task A_plans_header_is_stored_as_the_serializer_writes_it_with_text_beyond_ascii_intact()
    {
        var store = new SqlitePlanStore(Database);
        var plan = Plan("plan-text") with
        {
            // Enough text beyond ASCII (and long enough) that the header spans many of the store's 64 KiB chunks, with
            // characters cut at chunk ends.
            Prerequisites = [.. Enumerable.Range(0, 2_000).Select(i => new PrerequisiteFinding(new ClusterRef("111111111111", "us-east-1", $"prod-é-{i}"),
                "agent", false, $"add-on « manquant » 🚀 \"quoted\" </script> {i}"))],
        };
        await store.SaveAsync(plan, CancellationToken.None);

        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var stored = await Dapper.SqlMapper.QuerySingleAsync<string>(connection, "SELECT plan_json FROM plans WHERE plan_id = 'plan-text'");
        // The header is written through the store's own buffer (not the shared array pool): the same text as the serializer's.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plan with { Phases = [] }, PlanJson.Compact), stored);
        Assert.True(stored.Length > 4 * 64 * 1024, $"the header is {stored.Length} characters: too short to cross several chunks");
        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize((await store.LoadAsync("plan-text", CancellationToken.None))!));
    }

    [StorageFact]
    public async Task A_plans_excluded_bindings_and_roles_are_stored_in_bounded_rows_apart_from_its_header_and_load_back_in_order()
    {
        var store = new SqlitePlanStore(Database);
        var cluster = new ClusterRef("111111111111", "us-east-1", "prod");
        var excluded = Enumerable.Range(0, 2 * SqlitePlanStore.ItemsPerPart + 7).Select(i => new ExcludedBinding(new BindingKey(cluster, $"ns-é-{i:0000}", "sa-ü"),
            "arn:aws:iam::111111111111:role/r", Migrator.Core.Assessment.BindingCategory.KeepIrsa, [$"cross-account: rôle « partagé » 🚀 \"quoted\" </script> {i}"])).ToList();
        var roles = Enumerable.Range(0, SqlitePlanStore.ItemsPerPart + 1).Select(i => new PlannedRole($"arn:aws:iam::111111111111:role/r-{i:0000}", "111111111111", $"r-{i:0000}",
            i % 2 == 0 ? null : $"{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Sid\":\"s{i}\"}}]}}")).ToList();
        var plan = Plan("plan-parts") with { Excluded = excluded, Roles = roles };

        await store.SaveAsync(plan, CancellationToken.None);
        await store.SaveAsync(Plan("plan-none"), CancellationToken.None);

        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var header = await Dapper.SqlMapper.QuerySingleAsync<string>(connection, "SELECT plan_json FROM plans WHERE plan_id = 'plan-parts'");
        var rows = (await Dapper.SqlMapper.QueryAsync<(string Part, long Seq)>(connection,
            "SELECT part, seq FROM plan_header_parts WHERE plan_id = 'plan-parts' ORDER BY part, seq")).ToList();
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plan with { Phases = [], Excluded = [], Roles = [] }, PlanJson.Compact), header);
        Assert.Equal([("excluded", 0L), ("excluded", 1L), ("excluded", 2L), ("roles", 0L), ("roles", 1L)], rows);
        Assert.Equal(0, await Dapper.SqlMapper.QuerySingleAsync<long>(connection, "SELECT COUNT(*) FROM plan_header_parts WHERE plan_id = 'plan-none'"));
        var loaded = (await store.LoadAsync("plan-parts", CancellationToken.None))!;
        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize(loaded));
        Assert.Equal(excluded.Select(e => e.Key), loaded.Excluded.Select(e => e.Key));
        Assert.Equal(roles[^1].Arn, loaded.FindRole(roles[^1].Arn)!.Arn);
        Assert.Equal(["p1/assoc/x"], Assert.Single((await store.LoadOutlineAsync("plan-parts", CancellationToken.None))!.Phases).StepIds);
        Assert.Empty((await store.LoadAsync("plan-none", CancellationToken.None))!.Excluded);
    }

    [StorageFact]
    public async Task Planned_roles_with_large_trust_policies_are_stored_in_rows_closed_by_size_none_a_large_string()
    {
        // 60 roles of about 2.5 KB each: fewer than ItemsPerPart, but over PartBytes together.
        var statement = string.Join(",", Enumerable.Range(0, 20).Select(s => $"{{\"Sid\":\"S{s}\",\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/É{s}\"}}}}"));
        var roles = Enumerable.Range(0, 60).Select(i => new PlannedRole($"arn:aws:iam::111111111111:role/r-{i:0000}", "111111111111", $"r-{i:0000}",
            $"{{\"Version\":\"2012-10-17\",\"Statement\":[{statement}],\"Id\":\"{i}\"}}")).ToList();
        var plan = Plan("plan-big-roles") with { Roles = roles };
        var store = new SqlitePlanStore(Database);

        await store.SaveAsync(plan, CancellationToken.None);

        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = (await Dapper.SqlMapper.QueryAsync<string>(connection,
            "SELECT items FROM plan_header_parts WHERE plan_id = 'plan-big-roles' AND part = 'roles' ORDER BY seq")).ToList();
        Assert.True(rows.Count > 1, $"{rows.Count} row(s)");
        var itemBytes = roles.Max(r => System.Text.Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(r, PlanJson.Compact)));
        Assert.All(rows, row =>
        {
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(row) < SqlitePlanStore.PartBytes + itemBytes + 2, $"{row.Length} characters");
            Assert.True(row.Length * sizeof(char) < 85_000, $"{row.Length} characters: a large string");
        });
        var stored = rows.SelectMany(row => System.Text.Json.JsonSerializer.Deserialize<List<PlannedRole>>(row, PlanJson.Compact)!).ToList();
        Assert.Equal(roles.Select(r => System.Text.Json.JsonSerializer.Serialize(r, PlanJson.Compact)), stored.Select(r => System.Text.Json.JsonSerializer.Serialize(r, PlanJson.Compact)));
        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize((await store.LoadAsync("plan-big-roles", CancellationToken.None))!));
    }

    [StorageFact]
    public async Task A_plan_saved_with_its_whole_header_in_one_row_still_loads()
    {
        var plan = Plan("plan-v2") with
        {
            Excluded = [new ExcludedBinding(new BindingKey(new ClusterRef("111111111111", "us-east-1", "prod"), "ns", "old"), "arn:aws:iam::111111111111:role/r",
                Migrator.Core.Assessment.BindingCategory.Broken, ["broken: the role does not exist"])],
            Roles = [new PlannedRole("arn:aws:iam::111111111111:role/r", "111111111111", "r", "{}")],
        };
        var store = new SqlitePlanStore(Database);
        await store.SaveAsync(plan, CancellationToken.None);
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            // Format 2, as the store wrote it before migration 013: the excluded bindings and roles inside plans.plan_json.
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM plan_header_parts WHERE plan_id = 'plan-v2'");
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE plans SET format = 2, plan_json = @Json WHERE plan_id = 'plan-v2'",
                new { Json = System.Text.Json.JsonSerializer.Serialize(plan with { Phases = [] }, PlanJson.Compact) });
        }

        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize((await store.LoadAsync("plan-v2", CancellationToken.None))!));
        Assert.Equal(["p1/assoc/x"], Assert.Single((await store.LoadOutlineAsync("plan-v2", CancellationToken.None))!.Phases).StepIds);
    }

    [StorageFact]
    public async Task A_plan_saved_whole_before_phase_rows_existed_still_loads_and_outlines()
    {
        var plan = Plan("plan-old");
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            // Format 1: the whole plan in one document, as the store wrote it before migration 004.
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO plans (plan_id, run_id, created_at, phase_count, plan_json) VALUES ('plan-old', 3, '2026-11-28T09:00:00.0000000Z', 1, @Json)",
                new { Json = PlanJson.Serialize(plan) });
        }
        var store = new SqlitePlanStore(Database);

        Assert.Equal(PlanJson.Serialize(plan), PlanJson.Serialize((await store.LoadAsync("plan-old", CancellationToken.None))!));
        Assert.Equal(["p1/assoc/x"], Assert.Single((await store.LoadOutlineAsync("plan-old", CancellationToken.None))!.Phases).StepIds);
        Assert.Empty((await store.LoadPlannedBindingsAsync("plan-old", CancellationToken.None))!);
    }

    [StorageFact]
    public async Task Journal_entries_are_committed_on_append_and_completed_with_their_outcome()
    {
        var journal = new SqliteExecutionJournal(Database);
        var started = await journal.AppendAsync(new JournalEntry
        {
            PlanId = "p", Phase = 1, StepId = "p1/trust/r", StepKind = StepKind.AddPodIdentityTrust, RoleArn = "arn:aws:iam::111111111111:role/r",
            Status = JournalStatus.Started, Before = "{\"Version\":\"2012-10-17\"}", IntendedAfter = "{}", StartedAt = At,
        }, CancellationToken.None);

        // A second connection (another process after a crash) sees the Started entry with its before-state.
        var other = _storage.Open();
        var seen = Assert.Single(await new SqliteExecutionJournal(other).LoadAsync("p", CancellationToken.None));
        Assert.Equal(JournalStatus.Started, seen.Status);
        Assert.Equal("{\"Version\":\"2012-10-17\"}", seen.Before);

        var done = await journal.CompleteAsync(started.Id, JournalStatus.Succeeded, "{}", "written", At.AddSeconds(1), CancellationToken.None);
        Assert.Equal(JournalStatus.Succeeded, done.Status);
        Assert.Equal(At.AddSeconds(1), done.CompletedAt);
        Assert.Equal(done, Assert.Single(await journal.LoadAsync("p", CancellationToken.None)));
    }

    [StorageFact]
    public async Task Journal_kinds_and_bindings_are_typed_values_stored_as_text_and_read_back()
    {
        var journal = new SqliteExecutionJournal(Database);
        var key = new BindingKey(new ClusterRef("111111111111", "us-east-1", "prod"), "ns", "sa");
        var forward = await journal.AppendAsync(new JournalEntry
        {
            PlanId = "p", Phase = 1, StepId = "p1/restart/x", StepKind = StepKind.RestartWorkload, Binding = key, Status = JournalStatus.Succeeded, StartedAt = At,
        }, CancellationToken.None);
        // The rollback restart has the same text as the forward kind: the direction decides how it is read back.
        await journal.AppendAsync(new JournalEntry
        {
            PlanId = "p", Phase = 1, StepId = "rollback/p1/restart/x", StepKind = RollbackKind.RestartWorkload, Direction = JournalDirection.Rollback,
            Binding = key, UndoesEntryId = forward.Id, Status = JournalStatus.Succeeded, StartedAt = At,
        }, CancellationToken.None);

        var loaded = await journal.LoadAsync("p", CancellationToken.None);
        Assert.Equal([JournalKind.FromStep(StepKind.RestartWorkload), JournalKind.FromRollback(RollbackKind.RestartWorkload)], loaded.Select(e => e.StepKind));
        Assert.All(loaded, e => Assert.Equal(key, e.Binding));
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var text = await Dapper.SqlMapper.QueryAsync<(string Kind, string Binding)>(connection, "SELECT step_kind, binding FROM journal_entries ORDER BY id;");
        Assert.Equal([("RestartWorkload", "111111111111/us-east-1/prod/ns/sa"), ("RestartWorkload", "111111111111/us-east-1/prod/ns/sa")], text);
    }

    [StorageFact]
    public async Task A_stored_binding_that_is_not_a_binding_key_is_a_clear_error()
    {
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO journal_entries (plan_id, phase, step_id, step_kind, direction, binding, status, message, started_at) VALUES ('p', 1, 's', 'CreateAssociation', 'Forward', 'prod/ns', 'Started', '', '2026-11-28T09:00:00.0000000Z');");
        }
        var e = await Assert.ThrowsAsync<StorageException>(() => new SqliteExecutionJournal(Database).LoadAsync("p", CancellationToken.None));
        Assert.Contains("'prod/ns' is not ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT", e.Message, StringComparison.Ordinal);
    }

    [StorageFact]
    public async Task A_second_executor_gets_a_clear_error_naming_the_holder_while_the_first_holds_the_lock()
    {
        var first = new SqliteExecutionJournal(Database);
        var second = new SqliteExecutionJournal(Database);

        var held = await first.AcquireLockAsync("p", "host-a pid 1 (phase run 4)", At, CancellationToken.None);
        var e = await Assert.ThrowsAsync<PlanLockedException>(() => second.AcquireLockAsync("p", "host-b pid 2 (phase run 4)", At, CancellationToken.None));
        Assert.Contains("host-a pid 1 (phase run 4) since 2026-11-28 09:00:00Z", e.Message, StringComparison.Ordinal);

        await held.DisposeAsync();
        await using var now = await second.AcquireLockAsync("p", "host-b pid 2 (phase run 4)", At, CancellationToken.None);
    }

    [StorageFact]
    public async Task Steps_are_journalled_while_the_lock_is_held_and_after_it_is_released_and_taken_again()
    {
        var journal = new SqliteExecutionJournal(Database);
        JournalEntry Step(string id) => new()
        {
            PlanId = "p", Phase = 1, StepId = id, StepKind = StepKind.AddPodIdentityTrust, RoleArn = "arn:aws:iam::111111111111:role/r",
            Status = JournalStatus.Started, Before = "{}", IntendedAfter = "{}", StartedAt = At,
        };
        await using (await journal.AcquireLockAsync("p", "a", At, CancellationToken.None))
            await journal.AppendAsync(Step("p1/trust/a"), CancellationToken.None);
        await using (await journal.AcquireLockAsync("p", "a", At, CancellationToken.None))
            await journal.AppendAsync(Step("p1/trust/b"), CancellationToken.None);

        Assert.Equal(["p1/trust/a", "p1/trust/b"], (await journal.LoadAsync("p", CancellationToken.None)).Select(x => x.StepId));
    }

    [StorageFact]
    public async Task A_lock_is_per_plan_and_per_state_file()
    {
        await using var otherStorage = await StorageUnderTest.CreateAsync(provider, new FakeTimeProvider(At));
        var otherFactory = otherStorage.Database;
        await using var held = await new SqliteExecutionJournal(Database).AcquireLockAsync("p", "a", At, CancellationToken.None);

        await using var otherPlan = await new SqliteExecutionJournal(Database).AcquireLockAsync("q", "b", At, CancellationToken.None);
        await using var otherFile = await new SqliteExecutionJournal(otherFactory).AcquireLockAsync("p", "c", At, CancellationToken.None);
    }

    [StorageFact]
    public async Task A_holder_record_left_by_a_killed_process_does_not_block_the_next_executor()
    {
        // A kill -9 leaves the plan_locks row behind; the kernel released its lock file, so the row is only a label.
        await using (var connection = await Database.OpenAsync(CancellationToken.None))
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO plan_locks (plan_id, holder, acquired_at) VALUES ('p', 'gone pid 7 (phase run 1)', '2026-11-28T08:00:00.0000000+00:00');";
            await insert.ExecuteNonQueryAsync();
        }

        await using var taken = await new SqliteExecutionJournal(Database).AcquireLockAsync("p", LockHolder.Current("phase run 1"), At, CancellationToken.None);
        var e = await Assert.ThrowsAsync<PlanLockedException>(() => new SqliteExecutionJournal(Database).AcquireLockAsync("p", "x", At, CancellationToken.None));
        Assert.Contains($"{Environment.MachineName} pid {Environment.ProcessId} (phase run 1)", e.Message, StringComparison.Ordinal);
    }
}
