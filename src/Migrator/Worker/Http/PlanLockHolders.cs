using Dapper;
using Migrator.Storage;

namespace Migrator.Worker.Http;

/// <summary>One plan's execution lock as recorded in the state (plan_locks): who holds it since when.</summary>
public sealed record PlanLockHolder(string PlanId, string Holder, DateTimeOffset Since);

/// <summary>Reads who holds which plan's execution lock (any process on the state file: a worker or a `phase run`).</summary>
public sealed class PlanLockHolders(IStateDatabase connections)
{
    public async Task<IReadOnlyList<PlanLockHolder>> ListAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("SELECT plan_id, holder, acquired_at FROM plan_locks ORDER BY plan_id;", cancellationToken: ct));
        return rows.Select(r => new PlanLockHolder(r.PlanId, r.Holder, StorageFormat.ParseTime(r.AcquiredAt))).ToList();
    }

    private sealed class Row
    {
        public string PlanId { get; set; } = "";
        public string Holder { get; set; } = "";
        public string AcquiredAt { get; set; } = "";
    }
}
