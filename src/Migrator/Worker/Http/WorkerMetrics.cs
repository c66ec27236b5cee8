using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Migrator.Worker.Http;

/// <summary>
/// The worker's own instruments (meter "Migrator.Worker"), exported at /metrics with the AWS and Kubernetes API counters:
/// runs, bindings by category, phase progress, lock holders and heartbeat age (gauges over <see cref="WorkerStatus"/>),
/// and job durations (a histogram fed by <see cref="JobDurationListener"/>).
/// </summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "Migrator.Worker";

    private readonly Histogram<double> _jobDuration;

    public WorkerMetrics(IMeterFactory meters, WorkerStatus status, Liveness liveness, TimeProvider time, IOptions<WorkerOptions> options)
    {
        var meter = meters.Create(MeterName);
        // Jobs take seconds (a phase with nothing due) to hours (an inventory of a large estate).
        _jobDuration = meter.CreateHistogram<double>("migrator.job.duration", unit: "s", description: "Duration of the worker's scheduled jobs, by job and outcome",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400] });
        meter.CreateObservableGauge("migrator.inventory.runs", () => (long)status.Current.Runs, description: "Stored inventory runs");
        meter.CreateObservableGauge("migrator.inventory.latest_run", () => LatestRun(status.Current), description: "Id of the newest inventory run, labelled with its status");
        meter.CreateObservableGauge("migrator.inventory.latest_run.bindings", () => LatestRunBindings(status.Current), description: "Bindings found by the newest inventory run");
        meter.CreateObservableGauge("migrator.inventory.shards", () => Shards(status.Current), description: "Shards of the newest sharded inventory run, by status (Pending, Running, Done, Failed)");
        meter.CreateObservableGauge("migrator.bindings", () => Bindings(status.Current), description: "Bindings of the newest assessed run, by category");
        meter.CreateObservableGauge("migrator.phase.steps", () => PhaseSteps(status.Current), description: "Steps of each phase of the executed plan, by state (total, succeeded, failed, rolled_back)");
        meter.CreateObservableGauge("migrator.plan.lock.held", () => Locks(status.Current), description: "1 for each plan execution lock held, labelled with the plan and its holder");
        meter.CreateObservableGauge("migrator.worker.heartbeat.age", () => HeartbeatAge(liveness, time, options.Value),
            unit: "s", description: "Seconds since the worker's last heartbeat (/healthz fails past three heartbeat intervals)");
    }

    /// <summary>Records one finished job run.</summary>
    public void JobFinished(string job, bool failed, TimeSpan duration) =>
        _jobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", failed ? "failed" : "ok"));

    private static IEnumerable<Measurement<long>> LatestRun(WorkerStatusSnapshot s) => s.LatestRun is { } r
        ? [new Measurement<long>(r.RunId, new KeyValuePair<string, object?>("status", r.Status.ToString()))]
        : [];

    private static IEnumerable<Measurement<long>> Shards(WorkerStatusSnapshot s) => s.Shards is { } shards
        ? shards.ByStatus.Select(kv => new Measurement<long>(kv.Value,
            new KeyValuePair<string, object?>("run", shards.RunId.ToString(CultureInfo.InvariantCulture)), new KeyValuePair<string, object?>("status", kv.Key.ToString())))
        : [];

    private static IEnumerable<Measurement<long>> LatestRunBindings(WorkerStatusSnapshot s) => s.LatestRun is { } r ? [new Measurement<long>(r.Bindings)] : [];

    private static IEnumerable<Measurement<long>> Bindings(WorkerStatusSnapshot s) =>
        s.Bindings.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("category", kv.Key.ToString())));

    private static IEnumerable<Measurement<long>> PhaseSteps(WorkerStatusSnapshot s)
    {
        if (s.Plan is not { } plan) yield break;
        foreach (var phase in plan.Phases)
        {
            foreach (var (state, value) in new[] { ("total", phase.TotalSteps), ("succeeded", phase.SucceededSteps), ("failed", phase.FailedSteps), ("rolled_back", phase.RolledBackSteps) })
            {
                yield return new Measurement<long>(value,
                    new KeyValuePair<string, object?>("plan", plan.PlanId),
                    new KeyValuePair<string, object?>("phase", phase.Order.ToString(CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, object?>("phase_status", phase.Status),
                    new KeyValuePair<string, object?>("state", state));
            }
        }
    }

    private static IEnumerable<Measurement<long>> Locks(WorkerStatusSnapshot s) =>
        s.Locks.Select(l => new Measurement<long>(1, new KeyValuePair<string, object?>("plan", l.PlanId), new KeyValuePair<string, object?>("holder", l.Holder)));

    private static IEnumerable<Measurement<double>> HeartbeatAge(Liveness liveness, TimeProvider time, WorkerOptions options) =>
        liveness.LastBeat is { } beat ? [new Measurement<double>((time.GetUtcNow() - beat).TotalSeconds)] : [];
}
