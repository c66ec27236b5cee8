using Quartz;
using Quartz.Extensibility;

namespace Migrator.Worker.Http;

/// <summary>Feeds every finished Quartz job's run time into <see cref="WorkerMetrics"/> (migrator_job_duration_seconds).</summary>
public sealed class JobDurationListener(WorkerMetrics metrics) : IJobListener
{
    public string Name => "migrator-job-duration";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        metrics.JobFinished(context.JobDetail.Key.Name, jobException is not null, context.JobRunTime);
        return ValueTask.CompletedTask;
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
