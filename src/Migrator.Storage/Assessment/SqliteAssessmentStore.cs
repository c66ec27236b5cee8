using System.Text.Json;
using System.Data.Common;
using Dapper;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Storage.Assessment;

/// <summary>Saves and loads one assessment per inventory run (tables of migration 002).</summary>
public sealed class SqliteAssessmentStore(IStateDatabase connections) : IAssessmentStore
{
    public async Task SaveAsync(AssessmentResult result, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var runExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inventory_runs WHERE run_id = @RunId", new { result.RunId }, tx, cancellationToken: ct));
        if (runExists == 0)
            throw new StorageException($"inventory run {result.RunId} is not in {connections.Description}; run 'migrator inventory' first.");
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM assessments WHERE run_id = @RunId", new { result.RunId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO assessments (run_id, assessed_at, binding_count) VALUES (@RunId, @AssessedAt, @Count)",
            new { result.RunId, AssessedAt = StorageFormat.Time(result.AssessedAt), Count = result.Bindings.Count }, tx, cancellationToken: ct));
        // One prepared statement per table, parameters rebound per row: 20,000 bindings and their reasons in one
        // transaction without a command, a parameter object and a parameter cache lookup per row.
        await using var insertBinding = Prepared(connection, tx, """
            INSERT INTO assessment_bindings (run_id, seq, account_id, region, cluster_name, namespace, service_account, role_arn,
                category, score, coordination_group, owning_addon, pod_count, workloads, canary_candidate, lifecycle, irsa_annotated, association_role_arn)
            VALUES (@run, @seq, @account, @region, @cluster, @namespace, @sa, @role, @category, @score, @group, @addon, @pods, @workloads, @canary, @lifecycle, @annotated, @association)
            """, "@run", "@seq", "@account", "@region", "@cluster", "@namespace", "@sa", "@role", "@category", "@score", "@group", "@addon", "@pods", "@workloads", "@canary",
            "@lifecycle", "@annotated", "@association");
        await using var insertReason = Prepared(connection, tx, """
            INSERT INTO assessment_reasons (run_id, binding_seq, seq, code, severity, summary, evidence, suggested_action, score_impact)
            VALUES (@run, @binding, @seq, @code, @severity, @summary, @evidence, @action, @impact)
            """, "@run", "@binding", "@seq", "@code", "@severity", "@summary", "@evidence", "@action", "@impact");
        for (var i = 0; i < result.Bindings.Count; i++)
        {
            var b = result.Bindings[i];
            await Run(insertBinding, ct, result.RunId, i, b.Key.Cluster.AccountId, b.Key.Cluster.Region, b.Key.Cluster.Name, b.Key.Namespace,
                b.Key.ServiceAccount, b.RoleArn, b.Category.ToString(), b.Score, b.CoordinationGroup, b.OwningAddon, b.PodCount,
                JsonSerializer.Serialize(b.Workloads.Select(w => new WorkloadRow { Kind = w.Kind.ToString(), Namespace = w.Namespace, Name = w.Name })),
                b.CanaryCandidate ? 1 : 0, b.Lifecycle.ToString(), b.IrsaAnnotated ? 1 : 0, b.AssociationRoleArn);
            for (var j = 0; j < b.Reasons.Count; j++)
            {
                var r = b.Reasons[j];
                await Run(insertReason, ct, result.RunId, i, j, r.Code, r.Severity.ToString(), r.Summary, r.Evidence, r.SuggestedAction, r.ScoreImpact);
            }
        }
        for (var i = 0; i < result.RoleFindings.Count; i++)
        {
            var f = result.RoleFindings[i];
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO assessment_role_findings (run_id, seq, role_arn, code, severity, summary, evidence, suggested_action)
                VALUES (@RunId, @Seq, @RoleArn, @Code, @Severity, @Summary, @Evidence, @SuggestedAction)
                """,
                new { result.RunId, Seq = i, f.RoleArn, f.Code, Severity = f.Severity.ToString(), f.Summary, f.Evidence, f.SuggestedAction }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }

    public async Task<AssessmentResult?> LoadAsync(long? runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var header = await connection.QuerySingleOrDefaultAsync<HeaderRow>(new CommandDefinition(
            runId is null
                ? "SELECT run_id, assessed_at FROM assessments ORDER BY run_id DESC LIMIT 1"
                : "SELECT run_id, assessed_at FROM assessments WHERE run_id = @runId",
            new { runId }, cancellationToken: ct));
        if (header is null) return null;
        var run = header.RunId;
        // Read by hand rather than through Dapper: a 20,000-binding assessment is most of a report's read time. Values
        // repeated on many rows (clusters, codes, summaries, actions) are shared, not one string per row.
        var shared = new SharedStrings();
        var clusters = new Dictionary<(string, string, string), ClusterRef>();

        var reasons = new Dictionary<long, List<AssessmentReason>>();
        await using (var command = Command(connection, "SELECT binding_seq, code, severity, summary, evidence, suggested_action, score_impact FROM assessment_reasons WHERE run_id = @run ORDER BY binding_seq, seq", run))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var seq = reader.GetInt64(0);
                if (!reasons.TryGetValue(seq, out var list))
                    reasons[seq] = list = [];
                list.Add(new AssessmentReason(shared.Share(reader.GetString(1)), StorageFormat.Enum<ReasonSeverity>(reader.GetString(2)), shared.Share(reader.GetString(3)),
                    reader.GetString(4), shared.Share(reader.GetString(5)), (int)reader.GetInt64(6)));
            }
        }

        var bindings = new List<BindingAssessment>();
        await using (var command = Command(connection, """
            SELECT seq, account_id, region, cluster_name, namespace, service_account, role_arn, category, score, coordination_group, owning_addon,
                   pod_count, workloads, canary_candidate, lifecycle, irsa_annotated, association_role_arn
            FROM assessment_bindings WHERE run_id = @run ORDER BY seq
            """, run))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var clusterKey = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
                var category = StorageFormat.Enum<BindingCategory>(reader.GetString(7));
                var bindingReasons = reasons.TryGetValue(reader.GetInt64(0), out var r) ? r : [];
                if (!clusters.TryGetValue(clusterKey, out var cluster))
                    clusters[clusterKey] = cluster = new ClusterRef(clusterKey.Item1, clusterKey.Item2, clusterKey.Item3);
                bindings.Add(new BindingAssessment
                {
                    Key = new BindingKey(cluster, shared.Share(reader.GetString(4)), reader.GetString(5)),
                    RoleArn = reader.GetString(6),
                    Category = category,
                    Score = (int)reader.GetInt64(8),
                    CoordinationGroup = reader.IsDBNull(9) ? null : reader.GetString(9),
                    OwningAddon = reader.IsDBNull(10) ? null : shared.Share(reader.GetString(10)),
                    PodCount = (int)reader.GetInt64(11),
                    Workloads = ReadWorkloads(reader.GetString(12)),
                    CanaryCandidate = reader.GetInt64(13) != 0,
                    Lifecycle = reader.IsDBNull(14) ? LegacyLifecycle(category, bindingReasons) : StorageFormat.Enum<IdentityLifecycle>(reader.GetString(14)),
                    IrsaAnnotated = reader.GetInt64(15) != 0,
                    AssociationRoleArn = reader.IsDBNull(16) ? null : reader.GetString(16),
                    Reasons = bindingReasons,
                });
            }
        }

        var findings = await connection.QueryAsync<FindingRow>(new CommandDefinition(
            "SELECT * FROM assessment_role_findings WHERE run_id = @RunId ORDER BY seq", new { header.RunId }, cancellationToken: ct));
        return new AssessmentResult
        {
            RunId = header.RunId,
            AssessedAt = StorageFormat.ParseTime(header.AssessedAt),
            Bindings = bindings,
            RoleFindings = findings.Select(f => new RoleFinding(f.RoleArn, f.Code, StorageFormat.Enum<ReasonSeverity>(f.Severity), f.Summary, f.Evidence, f.SuggestedAction)).ToList(),
        };
    }

    /// <summary>
    /// Assessments saved before migration 005 judged annotated bindings only: Migrated (association and pods on Pod
    /// Identity) and a pending restart were both, the rest IRSA.
    /// </summary>
    private static IdentityLifecycle LegacyLifecycle(BindingCategory category, IReadOnlyList<AssessmentReason> reasons) =>
        category == BindingCategory.Migrated || reasons.Any(r => r.Code == ReasonCodes.RestartPending) ? IdentityLifecycle.CutOver : IdentityLifecycle.Irsa;

    /// <summary>
    /// Prepared on SQLite (its parameters are untyped); on PostgreSQL the statement stays unprepared, as its parameter
    /// types are known only once the first row's values are bound.
    /// </summary>
    private DbCommand Prepared(DbConnection connection, DbTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        if (connections.Provider == StorageProvider.Sqlite)
            command.Prepare();
        return command;
    }

    private static async Task Run(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, string sql, long runId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@run";
        parameter.Value = runId;
        command.Parameters.Add(parameter);
        return command;
    }

    public async Task<IReadOnlyDictionary<BindingCategory, int>?> LoadCategoryCountsAsync(long runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var assessed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM assessments WHERE run_id = @RunId", new { RunId = runId }, cancellationToken: ct));
        if (assessed == 0) return null;
        var rows = await connection.QueryAsync<CategoryCountRow>(new CommandDefinition(
            "SELECT category, COUNT(*) AS count FROM assessment_bindings WHERE run_id = @RunId GROUP BY category", new { RunId = runId }, cancellationToken: ct));
        return rows.ToDictionary(r => StorageFormat.Enum<BindingCategory>(r.Category), r => (int)r.Count);
    }

    /// <summary>The workloads column, [{"Kind","Namespace","Name"}, ...], read without the serializer's per-call cost.</summary>
    private static List<WorkloadRef> ReadWorkloads(string json)
    {
        var list = new List<WorkloadRef>();
        if (json is "" or "[]") return list;
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw Malformed(json);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? kind = null, ns = null, name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                if (!reader.Read()) throw Malformed(json);
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                switch (property)
                {
                    case nameof(WorkloadRow.Kind): kind = value; break;
                    case nameof(WorkloadRow.Namespace): ns = value; break;
                    case nameof(WorkloadRow.Name): name = value; break;
                    default: reader.Skip(); break;
                }
            }
            if (kind is null || ns is null || name is null) throw Malformed(json);
            list.Add(new WorkloadRef(StorageFormat.Enum<WorkloadKind>(kind), ns, name));
        }
        return reader.TokenType == JsonTokenType.EndArray ? list : throw Malformed(json);
    }

    private static StorageException Malformed(string json) => StorageFormat.Malformed(json, "a list of {Kind, Namespace, Name}");

    private sealed class CategoryCountRow
    {
        public string Category { get; set; } = "";
        public long Count { get; set; }
    }

    private sealed class HeaderRow
    {
        public long RunId { get; set; }
        public string AssessedAt { get; set; } = "";
    }

    private sealed class WorkloadRow
    {
        public string Kind { get; set; } = "";
        public string Namespace { get; set; } = "";
        public string Name { get; set; } = "";
    }



    private sealed class FindingRow
    {
        public string RoleArn { get; set; } = "";
        public string Code { get; set; } = "";
        public string Severity { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Evidence { get; set; } = "";
        public string SuggestedAction { get; set; } = "";
    }
}
