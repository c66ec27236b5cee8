using Npgsql;

namespace Migrator.Storage.Postgres;

/// <summary>
/// A plan's execution lock on PostgreSQL: a session advisory lock (pg_try_advisory_lock) held on a connection of its
/// own, outside the pool, for as long as the executor runs. The server releases it when that session ends, however
/// the holder ends (SIGKILL, a lost node: the connection closes), so no process id is ever judged across machines.
/// The key is derived from the schema and the plan id: another plan, or another schema, is another lock.
/// </summary>
public sealed class PostgresPlanLock : IAsyncDisposable
{
    private const string Key = "hashtextextended(current_schema() || '/migrator-plan/' || @PlanId, 0)";

    private readonly NpgsqlConnection _session;
    private readonly string _planId;

    private PostgresPlanLock(NpgsqlConnection session, string planId)
    {
        _session = session;
        _planId = planId;
    }

    /// <summary>How the lock is named in messages and in pg_locks (objid is the low half of the key).</summary>
    public static string KeyText(string planId) => $"hashtextextended(current_schema() || '/migrator-plan/{planId}', 0)";

    public static async Task<PostgresPlanLock?> TryTakeAsync(string connectionString, string planId, CancellationToken ct)
    {
        // Never pooled: a pooled connection returned with the lock would keep it for whoever uses it next.
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = $"migrator plan lock {planId}" }.ConnectionString);
        try
        {
            await session.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key});", session);
            command.Parameters.AddWithValue("PlanId", planId);
            if (await command.ExecuteScalarAsync(ct) is true)
                return new PostgresPlanLock(session, planId);
            await session.DisposeAsync();
            return null;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key});", _session);
            command.Parameters.AddWithValue("PlanId", _planId);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The session is gone: the server released the lock with it.
        }
        finally
        {
            // Closing the unpooled session ends it: the lock cannot outlive this call either way.
            await _session.DisposeAsync();
        }
    }
}
