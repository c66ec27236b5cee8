using Dapper;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Storage.Execution;

/// <summary>Plans as JSON (<see cref="PlanJson"/>) with their approvals.</summary>
public sealed class SqlitePlanStore(SqliteConnectionFactory connections) : IPlanStore
{
    public async Task SaveAsync(MigrationPlan plan, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO plans (plan_id, run_id, created_at, phase_count, plan_json) VALUES (@PlanId, @RunId, @CreatedAt, @PhaseCount, @Json);",
            new { PlanId = plan.Id, plan.RunId, CreatedAt = StorageFormat.Time(plan.CreatedAt), PhaseCount = plan.Phases.Count, Json = PlanJson.Serialize(plan) },
            cancellationToken: ct));
    }

    public async Task<MigrationPlan?> LoadAsync(string? planId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            planId is null
                ? "SELECT plan_json FROM plans ORDER BY created_at DESC, rowid DESC LIMIT 1;"
                : "SELECT plan_json FROM plans WHERE plan_id = @PlanId;",
            new { PlanId = planId }, cancellationToken: ct));
        return json is null ? null : PlanJson.Deserialize(json);
    }

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<PlanRow>(new CommandDefinition(
            "SELECT plan_id, run_id, created_at, phase_count FROM plans ORDER BY created_at DESC, rowid DESC;", cancellationToken: ct));
        return rows.Select(r => new PlanSummary(r.PlanId, r.RunId, StorageFormat.ParseTime(r.CreatedAt), (int)r.PhaseCount)).ToList();
    }

    public async Task ApproveAsync(PhaseApproval approval, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT OR IGNORE INTO plan_approvals (plan_id, phase, approved_by, approved_at) VALUES (@PlanId, @Phase, @ApprovedBy, @ApprovedAt);",
            new { approval.PlanId, approval.Phase, approval.ApprovedBy, ApprovedAt = StorageFormat.Time(approval.ApprovedAt) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PhaseApproval>> GetApprovalsAsync(string planId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<ApprovalRow>(new CommandDefinition(
            "SELECT plan_id, phase, approved_by, approved_at FROM plan_approvals WHERE plan_id = @PlanId ORDER BY phase;",
            new { PlanId = planId }, cancellationToken: ct));
        return rows.Select(r => new PhaseApproval(r.PlanId, (int)r.Phase, r.ApprovedBy, StorageFormat.ParseTime(r.ApprovedAt))).ToList();
    }

    private sealed class PlanRow
    {
        public string PlanId { get; set; } = "";
        public long RunId { get; set; }
        public string CreatedAt { get; set; } = "";
        public long PhaseCount { get; set; }
    }

    private sealed class ApprovalRow
    {
        public string PlanId { get; set; } = "";
        public long Phase { get; set; }
        public string ApprovedBy { get; set; } = "";
        public string ApprovedAt { get; set; } = "";
    }
}
