using System.Data;
using Dapper;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Core.Progress;

namespace Migrator.Storage.Progress;

/// <summary>
/// The migration scope (migration 006) and the progress figures read from stored assessments (migration 002): counts
/// and last-on-Pod-Identity runs are aggregated in SQL, so earlier assessments are never loaded whole.
/// </summary>
public sealed class SqliteScopeStore(IStateDatabase connections) : IScopeStore
{
    private const string Migrated = "Migrated";

    private const string InsertMember = """
        INSERT INTO migration_scope_members (account_id, region, cluster_name, namespace, service_account, origin, plan_id, from_run_id,
            added_at, added_by, removed_at, removed_by, removal_reason, until_run_id)
        VALUES (@AccountId, @Region, @ClusterName, @Namespace, @ServiceAccount, @Origin, @PlanId, @FromRunId,
            @AddedAt, @AddedBy, @RemovedAt, @RemovedBy, @RemovalReason, @UntilRunId)
        """;

    private const string KeyMatch = "account_id = @AccountId AND region = @Region AND cluster_name = @ClusterName AND namespace = @Namespace AND service_account = @ServiceAccount";

    public async Task<MigrationScope?> LoadAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await LoadAsync(connection, null, ct);
    }

    private static async Task<MigrationScope?> LoadAsync(IDbConnection connection, IDbTransaction? tx, CancellationToken ct)
    {
        var header = await connection.QuerySingleOrDefaultAsync<HeaderRow>(new CommandDefinition(
            "SELECT plan_id, run_id, fixed_at FROM migration_scope WHERE id = 1", transaction: tx, cancellationToken: ct));
        if (header is null) return null;
        return new MigrationScope
        {
            FixedByPlanId = header.PlanId,
            FixedFromRunId = header.RunId,
            FixedAt = StorageFormat.ParseTime(header.FixedAt),
            Members = await MembersAsync(connection, tx, ct),
        };
    }

    /// <summary>
    /// The scope's memberships in order, read a row at a time by column ordinal: a scope of ~120,000 identities (the
    /// 100x estate) is read without a row object per member, and its clusters, namespaces, origins, plans and authors
    /// are one instance each, not one per member.
    /// </summary>
    private static async Task<List<ScopeMember>> MembersAsync(IDbConnection connection, IDbTransaction? tx, CancellationToken ct)
    {
        var shared = new SharedStrings();
        var clusters = new Dictionary<(string, string, string), ClusterRef>();
        var members = new List<ScopeMember>();
        await using var reader = await ((System.Data.Common.DbConnection)connection).ExecuteReaderAsync(new CommandDefinition(
            """
            SELECT account_id, region, cluster_name, namespace, service_account, origin, plan_id, from_run_id, added_at, added_by,
                   removed_at, removed_by, removal_reason, until_run_id
            FROM migration_scope_members ORDER BY id
            """, transaction: tx, cancellationToken: ct));
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (await reader.ReadAsync(ct))
        {
            var clusterKey = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (!clusters.TryGetValue(clusterKey, out var cluster))
                clusters[clusterKey] = cluster = new ClusterRef(clusterKey.Item1, clusterKey.Item2, clusterKey.Item3);
            members.Add(new ScopeMember
            {
                Key = new BindingKey(cluster, shared.Share(reader.GetString(3)), reader.GetString(4)),
                Origin = StorageFormat.Enum<ScopeOrigin>(reader.GetString(5)),
                PlanId = Text(6) is { } plan ? shared.Share(plan) : null,
                FromRunId = reader.GetInt64(7),
                AddedAt = StorageFormat.ParseTime(reader.GetString(8)),
                AddedBy = shared.Share(reader.GetString(9)),
                RemovedAt = StorageFormat.ParseTimeOrNull(Text(10)),
                RemovedBy = Text(11),
                RemovalReason = Text(12),
                UntilRunId = reader.IsDBNull(13) ? null : reader.GetInt64(13),
            });
        }
        return members;
    }

    public async Task<bool> FixAsync(MigrationScope scope, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // A later plan leaves the scope as it is: counted, not loaded (at 189,000 bindings the scope has ~120,000 members).
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM migration_scope", transaction: tx, cancellationToken: ct)) > 0)
            return false;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO migration_scope (id, plan_id, run_id, fixed_at) VALUES (1, @PlanId, @RunId, @FixedAt)",
            new { PlanId = scope.FixedByPlanId, RunId = scope.FixedFromRunId, FixedAt = StorageFormat.Time(scope.FixedAt) }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertMember, scope.Members.Select(ScopeMemberRow.From), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<ScopeMember>> AddAsync(IReadOnlyList<ScopeMember> members, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM migration_scope", transaction: tx, cancellationToken: ct)) == 0)
            throw new StorageException("no migration scope exists yet: it is fixed when the first plan is created ('migrator plan create' or 'migrator run').");
        var added = new List<ScopeMember>();
        foreach (var member in members.DistinctBy(m => m.Key))
        {
            var row = ScopeMemberRow.From(member);
            var active = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM migration_scope_members WHERE {KeyMatch} AND removed_at IS NULL", row, tx, cancellationToken: ct));
            if (active > 0) continue;
            await connection.ExecuteAsync(new CommandDefinition(InsertMember, row, tx, cancellationToken: ct));
            added.Add(member);
        }
        await tx.CommitAsync(ct);
        return added;
    }

    public async Task<IReadOnlyList<BindingKey>> RemoveAsync(IReadOnlyList<BindingKey> keys, string by, string reason, DateTimeOffset at, long untilRunId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var removed = new List<BindingKey>();
        foreach (var key in keys.Distinct())
        {
            var n = await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE migration_scope_members SET removed_at = @At, removed_by = @By, removal_reason = @Reason, until_run_id = @Until
                WHERE {KeyMatch} AND removed_at IS NULL
                """,
                new
                {
                    At = StorageFormat.Time(at), By = by, Reason = reason, Until = untilRunId,
                    key.Cluster.AccountId, key.Cluster.Region, ClusterName = key.Cluster.Name, key.Namespace, key.ServiceAccount,
                },
                tx, cancellationToken: ct));
            if (n > 0) removed.Add(key);
        }
        await tx.CommitAsync(ct);
        return removed;
    }

    public async Task<IReadOnlyList<ScopeRunCount>> CountAsync(IReadOnlyList<long> runIds, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var counts = new List<ScopeRunCount>();
        foreach (var run in runIds.Distinct())
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM assessments WHERE run_id = @Run", new { Run = run }, cancellationToken: ct)) == 0)
                continue;
            // The scope's keys looked up in the run's rows through their unique (run_id, account, region, cluster, ns, sa) index.
            var row = await connection.QuerySingleAsync<CountRow>(new CommandDefinition(
                """
                SELECT COUNT(*) AS present, COALESCE(SUM(CASE WHEN b.category = @Migrated THEN 1 ELSE 0 END), 0) AS on_pod_identity
                FROM (SELECT DISTINCT account_id, region, cluster_name, namespace, service_account FROM migration_scope_members
                      WHERE from_run_id <= @Run AND (until_run_id IS NULL OR @Run < until_run_id)) s
                JOIN assessment_bindings b ON b.run_id = @Run AND b.account_id = s.account_id AND b.region = s.region
                    AND b.cluster_name = s.cluster_name AND b.namespace = s.namespace AND b.service_account = s.service_account
                """,
                new { Run = run, Migrated }, cancellationToken: ct));
            counts.Add(new ScopeRunCount(run, (int)row.Present, (int)row.OnPodIdentity));
        }
        return counts;
    }

    public async Task<IReadOnlyDictionary<BindingKey, PodIdentityHistory>> LastOnPodIdentityAsync(long fromRunId, long beforeRunId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<LastOnRow>(new CommandDefinition(
            """
            SELECT account_id, region, cluster_name, namespace, service_account, MAX(run_id) AS last_on
            FROM assessment_bindings
            WHERE run_id >= @From AND run_id < @Before AND category = @Migrated
            GROUP BY account_id, region, cluster_name, namespace, service_account
            """,
            new { From = fromRunId, Before = beforeRunId, Migrated }, cancellationToken: ct));
        var clusters = new Dictionary<(string, string, string), ClusterRef>();
        var result = new Dictionary<BindingKey, PodIdentityHistory>();
        foreach (var r in rows)
        {
            if (!clusters.TryGetValue((r.AccountId, r.Region, r.ClusterName), out var cluster))
                clusters[(r.AccountId, r.Region, r.ClusterName)] = cluster = new ClusterRef(r.AccountId, r.Region, r.ClusterName);
            var key = new BindingKey(cluster, r.Namespace, r.ServiceAccount);
            result[key] = new PodIdentityHistory(key, r.LastOn);
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<BindingKey, long>> FirstOffPodIdentityAsync(IReadOnlyDictionary<BindingKey, long> lastOn, long upToRunId, CancellationToken ct)
    {
        var result = new Dictionary<BindingKey, long>();
        if (lastOn.Count == 0) return result;
        var wanted = lastOn.ToDictionary(
            e => (e.Key.Cluster.AccountId, e.Key.Cluster.Region, e.Key.Cluster.Name, e.Key.Namespace, e.Key.ServiceAccount),
            e => (e.Key, After: e.Value));
        // One pass over the off-Pod-Identity rows of the runs in question: a lookup per identity cannot seek the
        // (run_id, key) index on a run range, and a mass regression (a shared role reverted) is thousands of identities.
        await using var connection = await connections.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, region, cluster_name, namespace, service_account, run_id FROM assessment_bindings "
            + "WHERE run_id > @after AND run_id <= @upTo AND category <> @migrated";
        command.AddParameter("@after", lastOn.Values.Min());
        command.AddParameter("@upTo", upToRunId);
        command.AddParameter("@migrated", Migrated);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!wanted.TryGetValue((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)), out var w)) continue;
            var run = reader.GetInt64(5);
            if (run > w.After && (!result.TryGetValue(w.Key, out var first) || run < first))
                result[w.Key] = run;
        }
        return result;
    }

    private sealed class HeaderRow
    {
        public string PlanId { get; set; } = "";
        public long RunId { get; set; }
        public string FixedAt { get; set; } = "";
    }

    private sealed class CountRow
    {
        public long Present { get; set; }
        public long OnPodIdentity { get; set; }
    }

    private sealed class LastOnRow
    {
        public string AccountId { get; set; } = "";
        public string Region { get; set; } = "";
        public string ClusterName { get; set; } = "";
        public string Namespace { get; set; } = "";
        public string ServiceAccount { get; set; } = "";
        public long LastOn { get; set; }
    }
}
