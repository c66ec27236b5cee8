using Npgsql;

namespace Migrator.Storage.Postgres;

/// <summary>
/// A plan's execution lock on PostgreSQL: a session advisory lock (pg_try_advisory_lock) held on a connection of its
/// own, outside the pool, for as long as the executor runs. The server releases it when that session ends, however
/// the holder ends (SIGKILL, a lost node: the connection closes), so no process id is ever judged across machines.
/// The key is derived from the schema and the plan id: another plan, or another schema, is another lock.
/// </summary>
public sealed class PostgresPlanLock : IPlanLock
{
    private const string Key = "hashtextextended(current_schema() || '/migrator-plan/' || @PlanId, 0)";

    private readonly NpgsqlConnection _session;
    // One command at a time on the session: parallel bindings ask before their steps, and disposal may come meanwhile.
    private readonly SemaphoreSlim _using = new(1);
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

    /// <summary>
    /// Asks the lock's own session whether it still holds the lock: a session ended by a database restart or failover
    /// (or terminated by an operator) fails the query, and its lock went with it.
    /// </summary>
    public async Task<string?> LostAsync(CancellationToken ct)
    {
        await _using.WaitAsync(ct);
        try
        {
            // The session is this lock's alone: any advisory lock it holds is this one.
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted);", _session);
            return await command.ExecuteScalarAsync(ct) is true ? null : "its database session no longer holds the advisory lock";
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return $"its database session ended: {e.Message}";
        }
        finally
        {
            _using.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _using.WaitAsync(CancellationToken.None);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key});", _session);
            command.Parameters.AddWithValue("PlanId", _planId);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session is gone (broken, or closed by Npgsql after the server ended it): the lock went with it.
        }
        finally
        {
            // Closing the unpooled session ends it: the lock cannot outlive this call either way.
            await _session.DisposeAsync();
            _using.Release();
        }
    }
}
