using Microsoft.Extensions.Logging;
using Migrator.Pipeline;
using Quartz;

namespace Migrator.Worker;

/// <summary>Executes approved phases. The pipeline itself checks the change windows and the plan lock.</summary>
[DisallowConcurrentExecution]
public sealed class PhaseExecutionJob(IMigrationPipeline pipeline, Liveness liveness, ILogger<PhaseExecutionJob> logger) : IJob
{
    public static readonly JobKey Key = new("execute-approved-phases", "migrator");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var log = new LogWriter(logger);
        var exit = await pipeline.RunApprovedPhasesAsync(log, cancellationToken);
        liveness.Beat();
        logger.LogInformation("Approved-phase execution finished with exit code {ExitCode}", exit);
    }
}
