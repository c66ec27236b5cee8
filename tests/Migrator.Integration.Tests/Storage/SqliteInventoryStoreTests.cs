using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Inventory;
using Migrator.Integration.Tests.Postgres;
using Migrator.Storage;
using Migrator.Storage.Inventory;

namespace Migrator.Integration.Tests.Storage;

/// <summary>The inventory store and the schema migrations against each storage provider.</summary>
public abstract class InventoryStoreTests(StorageProvider provider) : IAsyncLifetime
{
    protected static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 15, 123, TimeSpan.Zero);
    protected FakeTimeProvider Time { get; } = new(At);
    private StorageUnderTest _storage = null!;

    public async Task InitializeAsync() => _storage = await StorageUnderTest.CreateAsync(provider, Time);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [StorageFact]
    public async Task Round_trip_keeps_every_field_of_every_record()
    {
        var factory = _storage.Database;
        var store = new SqliteInventoryStore(factory);
        var snapshot = SnapshotSamples.Full(At);

        var id = await store.SaveSnapshotAsync(snapshot, CancellationToken.None);
        var loaded = await store.LoadSnapshotAsync(id, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(id, loaded.RunId);
        SnapshotComparison.Equal(snapshot, loaded);
        // Spot checks that the JSON comparison is not vacuous.
        Assert.Equal("ünïcode ✓", loaded.ServiceAccounts[0].Annotations["eks.amazonaws.com/odd \"quoted\""]);
        Assert.Equal(3, loaded.Clusters[0].NodeCounts[Placement.Ec2Linux]);
        Assert.Equal(snapshot.CompletedAt, loaded.CompletedAt);
        Assert.Equal(snapshot.ServiceAccounts[0].AnnotationChangedAt, loaded.ServiceAccounts[0].AnnotationChangedAt);
        Assert.Equal(snapshot.ServiceAccounts[0].Owner, loaded.ServiceAccounts[0].Owner);
        Assert.Equal(snapshot.Roles[0].Owner, loaded.Roles[0].Owner);
        Assert.Null(loaded.ServiceAccounts[1].Owner);
    }

    [StorageFact]
    public async Task Collection_notes_are_stored_with_their_run_in_order_and_not_shared_between_runs()
    {
        var store = new SqliteInventoryStore(_storage.Database);
        var withNotes = SnapshotSamples.Full(At);

        var first = await store.SaveSnapshotAsync(withNotes, CancellationToken.None);
        var second = await store.SaveSnapshotAsync(new InventorySnapshot { StartedAt = At.AddHours(1), Status = RunStatus.Complete }, CancellationToken.None);

        Assert.Equal(withNotes.Notes, (await store.LoadSnapshotAsync(first, CancellationToken.None))!.Notes);
        Assert.Empty((await store.LoadSnapshotAsync(second, CancellationToken.None))!.Notes);
        await using var connection = await _storage.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_notes WHERE run_id = @first;", new { first }));
    }

    [StorageFact]
    public async Task A_snapshot_read_without_pods_and_workloads_keeps_everything_else()
    {
        var factory = _storage.Database;
        var store = new SqliteInventoryStore(factory);
        var snapshot = SnapshotSamples.Full(At);
        Assert.NotEmpty(snapshot.Pods);
        Assert.NotEmpty(snapshot.Workloads);

        var id = await store.SaveSnapshotAsync(snapshot, CancellationToken.None);
        var light = await store.LoadSnapshotAsync(id, Migrator.Core.Ports.SnapshotParts.WithoutPodsAndWorkloads, CancellationToken.None);

        Assert.Empty(light!.Pods);
        Assert.Empty(light.Workloads);
        SnapshotComparison.Equal(snapshot with { Pods = [], Workloads = [] }, light);
    }

    [StorageFact]
    public async Task The_planning_read_has_trust_policy_sizes_not_texts_the_outline_no_service_accounts_and_texts_are_read_by_arn()
    {
        var store = new SqliteInventoryStore(_storage.Database);
        var sample = SnapshotSamples.Full(At);
        // More roles than one batch of the by-ARN read, with policies of different sizes; one role without a policy.
        var roles = Enumerable.Range(0, 1_203).Select(i => new RoleRecord
        {
            Arn = $"arn:aws:iam::111111111111:role/r{i}", AccountId = "111111111111", Name = $"r{i}",
            TrustPolicy = i == 7 ? null : $$"""{ "Version": "2012-10-17", "Statement": [ { "Sid": "s{{i}}", "Effect": "Allow", "Principal": { "Service": "pods.eks.amazonaws.com" }, "Action": "sts:AssumeRole" } ] }""",
        }).ToList();
        // ServiceAccounts of one role carry the same annotations.
        var shared = Enumerable.Range(0, 5).Select(i => new ServiceAccountRecord
        {
            Cluster = SnapshotSamples.Prod, Namespace = "team", Name = $"sa{i}",
            Annotations = new Dictionary<string, string> { [ServiceAccountRecord.RoleArnAnnotation] = "arn:aws:iam::111111111111:role/r1" },
        });
        var snapshot = sample with { Roles = [.. sample.Roles, .. roles], ServiceAccounts = [.. sample.ServiceAccounts, .. shared] };
        var id = await store.SaveSnapshotAsync(snapshot, CancellationToken.None);

        var forPlanning = (await store.LoadSnapshotAsync(id, Migrator.Core.Ports.SnapshotParts.WithoutTrustPolicies, CancellationToken.None))!;
        Assert.Equal(snapshot.ServiceAccounts.Count, forPlanning.ServiceAccounts.Count);
        Assert.Equal(snapshot.Roles.Select(r => (r.Arn, r.Owner)), forPlanning.Roles.Select(r => (r.Arn, r.Owner)));
        Assert.All(forPlanning.Roles, r => Assert.Null(r.TrustPolicy));
        Assert.Equal(snapshot.Roles.Select(r => r.TrustPolicy is null ? (int?)null : Migrator.Core.Trust.TrustPolicySize.Count(r.TrustPolicy)), forPlanning.Roles.Select(r => r.TrustPolicySize));
        Assert.Equal(snapshot.Roles.Select(r => r.TrustPolicy is not null), forPlanning.Roles.Select(r => r.HasTrustPolicy));
        var annotations = forPlanning.ServiceAccounts.Where(sa => sa.Namespace == "team").Select(sa => sa.Annotations).ToList();
        Assert.Equal("arn:aws:iam::111111111111:role/r1", annotations[0][ServiceAccountRecord.RoleArnAnnotation]);
        Assert.All(annotations, a => Assert.Same(annotations[0], a));
        // A path repeated on many roles is one string in the load, not one per row.
        var plain = forPlanning.Roles.Where(r => r.Name.StartsWith('r') && r.Path == "/").ToList();
        Assert.True(plain.Count > 1_000);
        Assert.All(plain, r => Assert.Same(plain[0].Path, r.Path));

        var outline = (await store.LoadSnapshotAsync(id, Migrator.Core.Ports.SnapshotParts.Outline, CancellationToken.None))!;
        Assert.Empty(outline.ServiceAccounts);
        Assert.Equal(snapshot.Clusters.Count, outline.Clusters.Count);
        Assert.All(outline.Roles, r => Assert.Null(r.TrustPolicy));
        Assert.Equal(snapshot.Roles.Select(r => r.TrustPolicy is null ? (int?)null : Migrator.Core.Trust.TrustPolicySize.Count(r.TrustPolicy)), outline.Roles.Select(r => r.TrustPolicySize));

        var asked = roles.Select(r => r.Arn).Append("arn:aws:iam::111111111111:role/not-stored").ToList();
        var texts = await store.LoadTrustPoliciesAsync(id, asked, CancellationToken.None);
        Assert.Equal(roles.Count - 1, texts.Count);
        Assert.All(roles.Where(r => r.TrustPolicy is not null), r => Assert.Equal(r.TrustPolicy, texts[r.Arn]));
        Assert.False(texts.ContainsKey("arn:aws:iam::111111111111:role/r7"));
        Assert.Empty(await store.LoadTrustPoliciesAsync(id + 1, asked, CancellationToken.None));
    }

    [StorageFact]
    public async Task Runs_are_numbered_listed_newest_first_and_latest_loads_by_default()
    {
        var factory = _storage.Database;
        var store = new SqliteInventoryStore(factory);
        Assert.Null(await store.LoadSnapshotAsync(null, CancellationToken.None));
        Assert.Empty(await store.ListRunsAsync(CancellationToken.None));

        var first = await store.SaveSnapshotAsync(SnapshotSamples.Full(At), CancellationToken.None);
        var second = await store.SaveSnapshotAsync(new InventorySnapshot { StartedAt = At.AddHours(1), Status = RunStatus.Complete }, CancellationToken.None);

        Assert.True(second > first);
        var runs = await store.ListRunsAsync(CancellationToken.None);
        Assert.Equal([second, first], runs.Select(r => r.RunId));
        var full = runs[1];
        Assert.Equal((RunStatus.Partial, 2, 1, 2, 3, 1, 1), (full.Status, full.Clusters, full.Bindings, full.Pods, full.Roles, full.Associations, full.Errors));
        Assert.Equal(At, full.StartedAt);
        Assert.Equal(second, (await store.LoadSnapshotAsync(null, CancellationToken.None))!.RunId);
        Assert.Null(await store.LoadSnapshotAsync(second + 10, CancellationToken.None));
    }

    [StorageFact]
    public async Task Times_are_stored_as_utc_iso_8601_text_and_raw_maps_as_json()
    {
        var factory = _storage.Database;
        await new SqliteInventoryStore(factory).SaveSnapshotAsync(SnapshotSamples.Full(At), CancellationToken.None);

        await using var c = await factory.OpenAsync(CancellationToken.None);
        Assert.Equal("2026-11-28T09:30:15.1230000Z", await c.ExecuteScalarAsync<string>("SELECT started_at FROM inventory_runs"));
        Assert.Equal("2026-11-25T09:30:15.1230000Z", await c.ExecuteScalarAsync<string>("SELECT annotation_changed_at FROM inventory_service_accounts WHERE name = 'api'"));
        Assert.Equal("""{"owner":"payments","cost":"42"}""", await c.ExecuteScalarAsync<string>("SELECT tags FROM inventory_roles WHERE name = 'api'"));
        Assert.Equal("arn:aws:iam::111111111111:role/team/api", await c.ExecuteScalarAsync<string>("SELECT role_arn FROM inventory_service_accounts WHERE name = 'api'"));
    }

    [StorageFact]
    public async Task Migrations_are_applied_once_and_re_running_them_changes_nothing()
    {
        await (await _storage.Database.OpenAsync(CancellationToken.None)).DisposeAsync();
        var second = _storage.Open();
        await using var c = await second.OpenAsync(CancellationToken.None);

        var migrator = provider == StorageProvider.Postgres ? SchemaMigrator.ForPostgres() : new SchemaMigrator();
        Assert.Equal(0, await migrator.MigrateAsync(c, second.Description, Time, CancellationToken.None));
        var versions = (await c.QueryAsync<long>("SELECT version FROM schema_version ORDER BY version")).ToList();
        Assert.Equal(migrator.Migrations.Select(m => (long)m.Version), versions);
        Assert.Contains(migrator.Migrations, m => m is { Version: 1, Name: "inventory" });
    }

    [StorageFact]
    public async Task A_state_file_from_a_newer_migrator_is_refused()
    {
        await using (var c = await _storage.Database.OpenAsync(CancellationToken.None))
            await c.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')");

        var again = _storage.Open();
        var e = await Assert.ThrowsAsync<StorageException>(() => again.OpenAsync(CancellationToken.None));
        Assert.Contains("999", e.Message);
        Assert.Contains(again.Description, e.Message);
    }
}

/// <summary>The SQLite state file: the shared cases, then what only a file has (WAL, directories, paths).</summary>
public sealed class SqliteInventoryStoreTests : InventoryStoreTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    public SqliteInventoryStoreTests() : base(StorageProvider.Sqlite) { }

    private SqliteConnectionFactory Factory(string? path = null) => new(path ?? _dir.File("state.db"), new SchemaMigrator(), Time);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Pending_migrations_run_in_version_order_in_one_transaction()
    {
        await using var c = new SqliteConnection($"Data Source={_dir.File("m.db")};Pooling=False");
        await c.OpenAsync();
        var good = new SchemaMigrator([
            new SchemaMigration(10, "uses_both", "INSERT INTO b (x) SELECT x FROM a;"),
            new SchemaMigration(1, "a", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);"),
            new SchemaMigration(2, "b", "CREATE TABLE b (x INTEGER);"),
        ]);
        Assert.Equal(3, await good.MigrateAsync(c, Time, CancellationToken.None));
        Assert.Equal(7, await c.ExecuteScalarAsync<long>("SELECT x FROM b"));

        var broken = new SchemaMigrator([.. good.Migrations, new SchemaMigration(11, "c", "CREATE TABLE c (x INTEGER);"), new SchemaMigration(12, "bad", "THIS IS NOT SQL;")]);
        await Assert.ThrowsAsync<SqliteException>(() => broken.MigrateAsync(c, Time, CancellationToken.None));
        Assert.Equal(10, await SchemaMigrator.CurrentVersionAsync(c, null, CancellationToken.None));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'"));
    }

    [Fact]
    public void Duplicate_migration_versions_are_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new SchemaMigrator([new SchemaMigration(2, "x", ""), new SchemaMigration(2, "y", "")]));
        Assert.Contains("002", e.Message);
    }

    [Fact]
    public async Task The_state_file_is_in_wal_mode()
    {
        var path = _dir.File("wal.db");
        using (var factory = Factory(path))
            await (await factory.OpenAsync(CancellationToken.None)).DisposeAsync();

        await using var plain = new SqliteConnection($"Data Source={path};Pooling=False");
        await plain.OpenAsync();
        Assert.Equal("wal", await plain.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task The_file_and_its_directories_are_created_when_missing()
    {
        var path = Path.Combine(_dir.Path, "a", "b", "state.db");
        using var factory = Factory(path);
        await (await factory.OpenAsync(CancellationToken.None)).DisposeAsync();
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task An_unusable_path_gives_an_error_naming_the_file()
    {
        var blocker = _dir.File("not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var path = Path.Combine(blocker, "state.db");
        using var factory = Factory(path);

        var e = await Assert.ThrowsAsync<StorageException>(() => factory.OpenAsync(CancellationToken.None));
        Assert.Contains(path, e.Message);
        Assert.Contains("Storage:Path", e.Message);
    }
}

/// <summary>PostgreSQL: the shared cases, then what only a shared server has (workers migrating at once).</summary>
public sealed class PostgresInventoryStoreTests() : InventoryStoreTests(StorageProvider.Postgres), IPostgresVariant
{
    [StorageFact]
    public async Task Workers_starting_together_migrate_the_schema_once()
    {
        await using var schema = await TestPostgres.CreateSchemaAsync();
        var databases = Enumerable.Range(0, 4).Select(_ => new Migrator.Storage.Postgres.PostgresStateDatabase(schema.ConnectionString, SchemaMigrator.ForPostgres(), Time)).ToList();
        try
        {
            await Task.WhenAll(databases.Select(async d => await (await d.OpenAsync(CancellationToken.None)).DisposeAsync()));
            await using var c = await databases[0].OpenAsync(CancellationToken.None);
            var versions = (await c.QueryAsync<long>("SELECT version FROM schema_version ORDER BY version")).ToList();
            Assert.Equal(SchemaMigrator.ForPostgres().Migrations.Select(m => (long)m.Version), versions);
        }
        finally
        {
            foreach (var d in databases) await d.DisposeAsync();
        }
    }

    [StorageFact]
    public void The_postgres_scripts_have_the_numbers_of_the_sqlite_scripts()
    {
        Assert.Equal(new SchemaMigrator().Migrations.Select(m => (m.Version, m.Name)), SchemaMigrator.ForPostgres().Migrations.Select(m => (m.Version, m.Name)));
    }
}
