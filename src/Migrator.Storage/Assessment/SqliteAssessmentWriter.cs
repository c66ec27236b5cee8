using System.Data.Common;
using Dapper;
using Migrator.Core.Assessment;
using Migrator.Core.Ports;

namespace Migrator.Storage.Assessment;

/// <summary>
/// Writes one run's assessment in parts within one transaction (tables of migration 002): the earlier assessment is
/// deleted at the start and the new one is visible only at commit. One prepared statement per table, parameters
/// rebound per row: 20,000 bindings and their reasons without a command, a parameter object and a cache lookup per row.
/// </summary>
internal sealed class SqliteAssessmentWriter : IAssessmentWriter
{
    private readonly IStateDatabase _connections;
    private readonly DbConnection _connection;
    private readonly DbTransaction _tx;
    private readonly DbCommand _insertBinding;
    private readonly DbCommand _insertReason;
    private readonly long _runId;
    private readonly Dictionary<BindingCategory, int> _counts = [];
    private int _next;
    private int _nextFinding;
    private bool _committed;

    private SqliteAssessmentWriter(IStateDatabase connections, DbConnection connection, DbTransaction tx, long runId)
    {
        (_connections, _connection, _tx, _runId) = (connections, connection, tx, runId);
        _insertBinding = Prepared("""
            INSERT INTO assessment_bindings (run_id, seq, account_id, region, cluster_name, namespace, service_account, role_arn,
                category, score, coordination_group, owning_addon, pod_count, workloads, canary_candidate, lifecycle, irsa_annotated, association_role_arn)
            VALUES (@run, @seq, @account, @region, @cluster, @namespace, @sa, @role, @category, @score, @group, @addon, @pods, @workloads, @canary, @lifecycle, @annotated, @association)
            """, "@run", "@seq", "@account", "@region", "@cluster", "@namespace", "@sa", "@role", "@category", "@score", "@group", "@addon", "@pods", "@workloads", "@canary",
            "@lifecycle", "@annotated", "@association");
        _insertReason = Prepared("""
            INSERT INTO assessment_reasons (run_id, binding_seq, seq, code, severity, summary, evidence, suggested_action, score_impact)
            VALUES (@run, @binding, @seq, @code, @severity, @summary, @evidence, @action, @impact)
            """, "@run", "@binding", "@seq", "@code", "@severity", "@summary", "@evidence", "@action", "@impact");
    }

    public static async Task<SqliteAssessmentWriter> BeginAsync(IStateDatabase connections, long runId, DateTimeOffset assessedAt, CancellationToken ct)
    {
        var connection = await connections.OpenAsync(ct);
        DbTransaction? tx = null;
        try
        {
            tx = await connection.BeginTransactionAsync(ct);
            var runExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM inventory_runs WHERE run_id = @RunId", new { RunId = runId }, tx, cancellationToken: ct));
            if (runExists == 0)
                throw new StorageException($"inventory run {runId} is not in {connections.Description}; run 'migrator inventory' first.");
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM assessments WHERE run_id = @RunId", new { RunId = runId }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO assessments (run_id, assessed_at, binding_count) VALUES (@RunId, @AssessedAt, 0)",
                new { RunId = runId, AssessedAt = StorageFormat.Time(assessedAt) }, tx, cancellationToken: ct));
            return new SqliteAssessmentWriter(connections, connection, tx, runId);
        }
        catch
        {
            if (tx is not null) await tx.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task AppendAsync(IReadOnlyList<BindingAssessment> bindings, CancellationToken ct)
    {
        foreach (var b in bindings)
        {
            var i = _next++;
            _counts[b.Category] = _counts.GetValueOrDefault(b.Category) + 1;
            await Run(_insertBinding, ct, _runId, i, b.Key.Cluster.AccountId, b.Key.Cluster.Region, b.Key.Cluster.Name, b.Key.Namespace,
                b.Key.ServiceAccount, b.RoleArn, b.Category.ToString(), b.Score, b.CoordinationGroup, b.OwningAddon, b.PodCount,
                WorkloadsColumn.Write(b.Workloads),
                b.CanaryCandidate ? 1 : 0, b.Lifecycle.ToString(), b.IrsaAnnotated ? 1 : 0, b.AssociationRoleArn);
            for (var j = 0; j < b.Reasons.Count; j++)
            {
                var r = b.Reasons[j];
                await Run(_insertReason, ct, _runId, i, j, r.Code, r.Severity.ToString(), r.Summary, r.Evidence, r.SuggestedAction, r.ScoreImpact);
            }
        }
    }

    public async Task AppendRoleFindingsAsync(IReadOnlyList<RoleFinding> roleFindings, CancellationToken ct)
    {
        if (_committed)
            throw new InvalidOperationException($"the assessment of run {_runId} is committed: role findings are appended before the commit.");
        foreach (var f in roleFindings)
        {
            var seq = _nextFinding++;
            await _connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO assessment_role_findings (run_id, seq, role_arn, code, severity, summary, evidence, suggested_action)
                VALUES (@RunId, @Seq, @RoleArn, @Code, @Severity, @Summary, @Evidence, @SuggestedAction)
                """,
                new { RunId = _runId, Seq = seq, f.RoleArn, f.Code, Severity = f.Severity.ToString(), f.Summary, f.Evidence, f.SuggestedAction }, _tx, cancellationToken: ct));
        }
    }

    public async Task<IReadOnlyDictionary<BindingCategory, int>> CommitAsync(IReadOnlyList<RoleFinding> roleFindings, CancellationToken ct)
    {
        await AppendRoleFindingsAsync(roleFindings, ct);
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE assessments SET binding_count = @Count WHERE run_id = @RunId", new { RunId = _runId, Count = _next }, _tx, cancellationToken: ct));
        await _tx.CommitAsync(ct);
        _committed = true;
        return _counts;
    }

    public async ValueTask DisposeAsync()
    {
        await _insertBinding.DisposeAsync();
        await _insertReason.DisposeAsync();
        if (!_committed)
            await _tx.RollbackAsync();
        await _tx.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>
    /// Prepared on SQLite (its parameters are untyped); on PostgreSQL the statement stays unprepared, as its parameter
    /// types are known only once the first row's values are bound.
    /// </summary>
    private DbCommand Prepared(string sql, params string[] names)
    {
        var command = _connection.PerRow(_tx, sql, names);
        if (_connections.Provider == StorageProvider.Sqlite)
            command.Prepare();
        return command;
    }

    private static async Task Run(DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }
}
