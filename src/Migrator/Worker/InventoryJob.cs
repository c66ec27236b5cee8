using Microsoft.Extensions.Logging;
using Migrator.Application;
using Migrator.Verbs.Run;
using Quartz;

namespace Migrator.Worker;

/// <summary>Scheduled inventory → assessment → plan → report. Never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class InventoryJob(MainJob mainJob, Liveness liveness, WorkerStop stop, ILogger<InventoryJob> logger) : IJob
{
    public static readonly JobKey Key = new("inventory-assess-report", "migrator");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Scheduled inventory started (fire {FireInstanceId})", context.FireInstanceId);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        using var log = new LogWriter(logger);
        MainJobOutcome result;
        try
        {
            result = await mainJob.RunAsync(new MainJobRequest(), new MainJobNarration(log), stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogWarning("Scheduled inventory stopped with the worker; it runs again at its next schedule");
            return;
        }
        liveness.Beat();
        logger.LogInformation("Scheduled inventory finished: run {RunId}, {Bindings} bindings, partial {Partial}, reports {Reports}",
            result.RunId, result.Bindings, result.Partial, string.Join(", ", result.ReportFiles));
    }
}
