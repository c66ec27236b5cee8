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
        await using var writer = await BeginAsync(result.RunId, result.AssessedAt, ct);
        await writer.AppendAsync(result.Bindings, ct);
        await writer.CommitAsync(result.RoleFindings, ct);
    }

    public async Task<IAssessmentWriter> BeginAsync(long runId, DateTimeOffset assessedAt, CancellationToken ct) =>
        await SqliteAssessmentWriter.BeginAsync(connections, runId, assessedAt, ct);

    public Task<AssessmentResult?> LoadAsync(long? runId, CancellationToken ct) => LoadAsync(runId, AssessmentParts.All, ct);

    public Task<AssessmentResult?> LoadVerdictsAsync(long? runId, CancellationToken ct) => LoadAsync(runId, AssessmentParts.Verdicts, ct);

    public async Task<long?> AssessedRunAsync(long? runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        return (await HeaderAsync(connection, runId, ct))?.RunId;
    }

    public IAsyncEnumerable<BindingAssessment> StreamAsync(long runId, AssessmentParts parts, CancellationToken ct) =>
        BindingsAsync(runId, parts, new SharedStrings(), ct);

    public IAsyncEnumerable<BindingAssessment> StreamInKeyOrderAsync(long runId, AssessmentParts parts, CancellationToken ct) =>
        BindingsAsync(runId, parts, new SharedStrings(), ct, inKeyOrder: true);

    /// <summary>
    /// Key order (<see cref="BindingOrder"/>): account, region, cluster name, namespace, ServiceAccount, compared
    /// ordinally. SQLite walks its unique index of these columns; PostgreSQL is told to compare bytes ("C"), not by the
    /// database's locale.
    /// </summary>
    private string KeyOrder(string table)
    {
        var collate = connections.Provider == StorageProvider.Postgres ? " COLLATE \"C\"" : "";
        return string.Join(", ", new[] { "account_id", "region", "cluster_name", "namespace", "service_account" }.Select(c => $"{table}{c}{collate}")) + $", {table}seq";
    }

    /// <summary>
    /// The run's bindings with their reasons as <paramref name="parts"/> asks, one at a time in stored order: two readers
    /// in step on two connections, the bindings in order and their reasons in the same order, so each binding is made
    /// with its reasons and handed on. Read by hand rather than through Dapper: a 20,000-binding assessment is most of a
    /// report's read time. Values repeated on many rows (clusters, codes, summaries, actions, whole reasons and lists of
    /// them) are shared, not one instance per row.
    /// </summary>
    private async IAsyncEnumerable<BindingAssessment> BindingsAsync(long run, AssessmentParts parts, SharedStrings shared,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, bool inKeyOrder = false)
    {
        var clusters = new Dictionary<(string, string, string), ClusterRef>();
        var sharedReasons = new SharedReasons();
        var withEvidence = parts != AssessmentParts.Verdicts;
        await using var bindingsConnection = await connections.OpenAsync(ct);
        await using var bindingsCommand = Command(bindingsConnection,
            $"SELECT {BindingColumns} FROM assessment_bindings WHERE run_id = @run ORDER BY {(inKeyOrder ? KeyOrder("") : "seq")}", run);
        await using var bindings = await bindingsCommand.ExecuteReaderAsync(ct);
        // The previous run's categories (drift, the trend) need no reasons: they are not read at all.
        await using var reasonsConnection = parts == AssessmentParts.Categories ? null : await connections.OpenAsync(ct);
        // In key order the reasons follow their bindings' order (a join on the same run: every reason's binding is read).
        // The bindings drive the join (CROSS JOIN keeps SQLite from reordering it): they are walked in their index's
        // order and each one's reasons looked up by key, so nothing is sorted (a sort of a 200,000-binding run's
        // reasons, evidence and all, took SQLite's sorter memory and half the read's time).
        await using var reasonsCommand = reasonsConnection is null ? null : Command(reasonsConnection, inKeyOrder
            ? $"""
              SELECT r.binding_seq, r.code, r.severity, r.summary, {ReasonColumns(parts, "r.")}, r.score_impact
              FROM assessment_bindings b CROSS JOIN assessment_reasons r
              WHERE b.run_id = @run AND r.run_id = b.run_id AND r.binding_seq = b.seq ORDER BY {KeyOrder("b.")}, r.seq
              """
            : $"SELECT binding_seq, code, severity, summary, {ReasonColumns(parts, "")}, score_impact FROM assessment_reasons WHERE run_id = @run ORDER BY binding_seq, seq", run);
        await using var reasons = reasonsCommand is null ? null : await reasonsCommand.ExecuteReaderAsync(ct);
        var more = reasons is not null && await reasons.ReadAsync(ct);
        while (await bindings.ReadAsync(ct))
        {
            var seq = bindings.GetInt64(0);
            var list = new List<AssessmentReason>();
            // Reasons of bindings not read (none are stored) would stop the walk: skip anything before this binding.
            while (!inKeyOrder && more && reasons!.GetInt64(0) < seq)
                more = await reasons.ReadAsync(ct);
            while (more && reasons!.GetInt64(0) == seq)
            {
                list.Add(sharedReasons.Share(new AssessmentReason(shared.Share(reasons.GetString(1)), StorageFormat.Enum<ReasonSeverity>(reasons.GetString(2)), shared.Share(reasons.GetString(3)),
                    withEvidence ? reasons.GetString(4) : "", withEvidence ? shared.Share(reasons.GetString(5)) : "", (int)reasons.GetInt64(6))));
                more = await reasons.ReadAsync(ct);
            }
            yield return Binding(bindings, shared, clusters, parts, sharedReasons.Share(list));
        }
    }

    /// <param name="parts">What of the evidence and suggested actions is read.</param>
    /// <param name="r">The reasons table's alias with its dot, or "".</param>
    private static string ReasonColumns(AssessmentParts parts, string r) => parts switch
    {
        AssessmentParts.Verdicts => "'' AS evidence, '' AS suggested_action",
        // Left out in SQL, not read and dropped: most of a large assessment's text is evidence no report shows.
        AssessmentParts.ForReport => $"""
            CASE WHEN {r}code LIKE 'cleanup.%' OR {r}code IN ('{ReasonCodes.RoleOwner}', '{ReasonCodes.ServiceAccountOwner}')
                   OR {r}binding_seq IN (SELECT seq FROM assessment_bindings WHERE run_id = @run AND category = '{BindingCategory.Broken}')
                 THEN {r}evidence ELSE '' END AS evidence, {r}suggested_action
            """,
        _ => $"{r}evidence, {r}suggested_action",
    };

    private static Task<HeaderRow?> HeaderAsync(DbConnection connection, long? runId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<HeaderRow>(new CommandDefinition(
            runId is null
                ? "SELECT run_id, assessed_at FROM assessments ORDER BY run_id DESC LIMIT 1"
                : "SELECT run_id, assessed_at FROM assessments WHERE run_id = @runId",
            new { runId }, cancellationToken: ct));

    public async Task<AssessmentResult?> LoadAsync(long? runId, AssessmentParts parts, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var header = await HeaderAsync(connection, runId, ct);
        if (header is null) return null;
        var run = header.RunId;
        var shared = new SharedStrings();
        var bindings = new List<BindingAssessment>();
        if (parts != AssessmentParts.Findings)
        {
            await foreach (var binding in BindingsAsync(run, parts, shared, ct))
                bindings.Add(binding);
        }

        var findings = parts == AssessmentParts.Categories ? [] : await connection.QueryAsync<FindingRow>(new CommandDefinition(
            "SELECT * FROM assessment_role_findings WHERE run_id = @RunId ORDER BY seq", new { header.RunId }, cancellationToken: ct));
        return new AssessmentResult
        {
            RunId = header.RunId,
            AssessedAt = StorageFormat.ParseTime(header.AssessedAt),
            Bindings = bindings,
            // A role's ARN, a code's summary and action repeat across the role view's findings: shared like the reasons'.
            RoleFindings = findings.Select(f => new RoleFinding(shared.Share(f.RoleArn), shared.Share(f.Code), StorageFormat.Enum<ReasonSeverity>(f.Severity),
                shared.Share(f.Summary), f.Evidence, shared.Share(f.SuggestedAction))).ToList(),
            Parts = parts,
        };
    }

    private const string BindingColumns = """
        seq, account_id, region, cluster_name, namespace, service_account, role_arn, category, score, coordination_group, owning_addon,
        pod_count, workloads, canary_candidate, lifecycle, irsa_annotated, association_role_arn
        """;

    /// <summary>The binding of the reader's row (<see cref="BindingColumns"/> first), with <paramref name="reasons"/> (complete when it is made).</summary>
    private static BindingAssessment Binding(DbDataReader reader, SharedStrings shared, Dictionary<(string, string, string), ClusterRef> clusters, AssessmentParts parts,
        IReadOnlyList<AssessmentReason> reasons)
    {
        var clusterKey = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        var category = StorageFormat.Enum<BindingCategory>(reader.GetString(7));
        if (!clusters.TryGetValue(clusterKey, out var cluster))
            clusters[clusterKey] = cluster = new ClusterRef(clusterKey.Item1, clusterKey.Item2, clusterKey.Item3);
        return new BindingAssessment
        {
            Key = new BindingKey(cluster, shared.Share(reader.GetString(4)), shared.Share(reader.GetString(5))),
            RoleArn = shared.Share(reader.GetString(6)),
            Category = category,
            Score = (int)reader.GetInt64(8),
            CoordinationGroup = reader.IsDBNull(9) ? null : shared.Share(reader.GetString(9)),
            OwningAddon = reader.IsDBNull(10) ? null : shared.Share(reader.GetString(10)),
            PodCount = (int)reader.GetInt64(11),
            // Read once per distinct column text (immutable arrays, shared by the bindings with the same workloads).
            Workloads = parts == AssessmentParts.Categories ? [] : shared.Parsed(reader.GetString(12), json => WorkloadsColumn.Read(json, shared)),
            CanaryCandidate = reader.GetInt64(13) != 0,
            Lifecycle = reader.IsDBNull(14) ? LegacyLifecycle(category, reasons) : StorageFormat.Enum<IdentityLifecycle>(reader.GetString(14)),
            IrsaAnnotated = reader.GetInt64(15) != 0,
            AssociationRoleArn = reader.IsDBNull(16) ? null : shared.Share(reader.GetString(16)),
            Reasons = reasons,
        };
    }

    /// <summary>
    /// Assessments saved before migration 005 judged annotated bindings only: Migrated (association and pods on Pod
    /// Identity) and a pending restart were both, the rest IRSA.
    /// </summary>
    private static IdentityLifecycle LegacyLifecycle(BindingCategory category, IReadOnlyList<AssessmentReason> reasons) =>
        category == BindingCategory.Migrated || reasons.Any(r => r.Code == ReasonCodes.RestartPending) ? IdentityLifecycle.CutOver : IdentityLifecycle.Irsa;

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
