using Microsoft.Extensions.Logging;
using Migrator.Application;
using Migrator.Execution;
using Quartz;

namespace Migrator.Worker;

/// <summary>
/// Executes approved phases. The execution stage checks the change windows and the plan lock. When the worker stops,
/// the steps in flight finish and are journalled and the job ends; the next run resumes from the journal.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PhaseExecutionJob(ExecutionStage execution, LoggingExecutionObserver observer, Liveness liveness, WorkerStop stop, ILogger<PhaseExecutionJob> logger) : IJob
{
    public static readonly JobKey Key = new("execute-approved-phases", "migrator");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        using var log = new LogWriter(logger);
        if (context.Recovering)
            logger.LogWarning("Recovering approved-phase execution of a worker that stopped mid-job (trigger {Trigger}): resuming from the journal", context.RecoveringTriggerKey);
        try
        {
            var outcome = await execution.RunApprovedPhasesAsync(observer, stopping.Token);
            await ApprovedPhasesText.WriteAsync(log, outcome);
            var exit = ApprovedPhasesText.ExitCode(outcome);
            liveness.Beat();
            logger.LogInformation("Approved-phase execution finished with exit code {ExitCode}", exit);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("Approved-phase execution stopped: the steps in flight finished and were journalled; the next run resumes");
        }
    }
}
