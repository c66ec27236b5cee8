using Microsoft.Extensions.Options;
using Migrator.Storage;
using Quartz;

namespace Migrator.Worker.Http;

/// <summary>
/// Liveness (/healthz): the heartbeat moved within three heartbeat intervals (a hung or starved process fails it).
/// Readiness (/readyz): the state database (SQLite or PostgreSQL) answers a query and the Quartz scheduler is started and not in standby.
/// </summary>
public sealed class WorkerProbes(Liveness liveness, IOptions<WorkerOptions> options, TimeProvider time, IStateDatabase database, ISchedulerFactory schedulers)
{
    public ProbeResult Health()
    {
        var limit = TimeSpan.FromSeconds(3 * options.Value.HeartbeatSeconds);
        var now = time.GetUtcNow();
        if (liveness.LastBeat is not { } beat)
            return new ProbeResult(false, new Dictionary<string, string> { ["heartbeat"] = "no heartbeat yet" });
        var age = now - beat;
        var ok = age <= limit;
        return new ProbeResult(ok, new Dictionary<string, string>
        {
            ["heartbeat"] = ok ? $"last {beat:O} ({age.TotalSeconds:0}s ago)" : $"last {beat:O}, {age.TotalSeconds:0}s ago: older than {limit.TotalSeconds:0}s (3 x Worker:HeartbeatSeconds)",
        });
    }

    public async Task<ProbeResult> ReadinessAsync(CancellationToken ct)
    {
        var checks = new Dictionary<string, string>();
        var ok = true;
        // The provider's own check (SQLite file or PostgreSQL server): never throws, never prints a password.
        var problem = await database.ReadinessProblemAsync(ct);
        ok &= problem is null;
        checks["database"] = problem ?? $"ok ({database.Description})";

        var scheduler = await schedulers.GetScheduler(ct);
        var state = await scheduler.GetStatus(ct);
        ok &= state == SchedulerStatus.Running;
        checks["scheduler"] = state.ToString();
        return new ProbeResult(ok, checks);
    }
}
