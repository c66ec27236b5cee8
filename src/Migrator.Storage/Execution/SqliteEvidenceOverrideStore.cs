using Dapper;
using Migrator.Core.Execution;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;

namespace Migrator.Storage.Execution;

/// <summary>Evidence-gate overrides (table evidence_overrides, migration 008); the binding is stored as its key.</summary>
public sealed class SqliteEvidenceOverrideStore(IStateDatabase connections) : IEvidenceOverrideStore
{
    public async Task RecordAsync(EvidenceOverride evidenceOverride, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO evidence_overrides (plan_id, phase, binding, reason, approved_by, approved_at) VALUES (@PlanId, @Phase, @Binding, @Reason, @By, @At)
            ON CONFLICT (plan_id, phase, binding) DO UPDATE SET reason = excluded.reason, approved_by = excluded.approved_by, approved_at = excluded.approved_at;
            """,
            new { evidenceOverride.PlanId, evidenceOverride.Phase, Binding = evidenceOverride.Binding.ToString(), evidenceOverride.Reason, evidenceOverride.By, At = StorageFormat.Time(evidenceOverride.At) },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<EvidenceOverride>> GetAsync(string planId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<OverrideRow>(new CommandDefinition(
            "SELECT plan_id AS PlanId, phase AS Phase, binding AS Binding, reason AS Reason, approved_by AS ApprovedBy, approved_at AS ApprovedAt FROM evidence_overrides WHERE plan_id = @PlanId ORDER BY phase, binding;",
            new { PlanId = planId }, cancellationToken: ct));
        return rows.Select(r => new EvidenceOverride(r.PlanId, (int)r.Phase,
            BindingKey.TryParse(r.Binding, out var key) ? key : throw new StorageException($"evidence_overrides has a malformed binding '{r.Binding}' for plan {r.PlanId}"),
            r.Reason, r.ApprovedBy, StorageFormat.ParseTime(r.ApprovedAt))).ToList();
    }

    private sealed class OverrideRow
    {
        public string PlanId { get; set; } = "";
        public long Phase { get; set; }
        public string Binding { get; set; } = "";
        public string Reason { get; set; } = "";
        public string ApprovedBy { get; set; } = "";
        public string ApprovedAt { get; set; } = "";
    }
}
