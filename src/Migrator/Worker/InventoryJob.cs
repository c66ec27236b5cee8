using Microsoft.Extensions.Logging;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Verbs.Run;
using Quartz;

namespace Migrator.Worker;

/// <summary>Scheduled inventory → assessment → plan → report. Never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class InventoryJob(IMainJob mainJob, Liveness liveness, WorkerStop stop, ILogger<InventoryJob> logger) : IJob
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
        foreach (var r in result.Regressions)
            logger.LogWarning("Pod Identity regression: {Identity} was on Pod Identity in run {LastOnRunId}, is not since run {SinceRunId} ({Since}): {Codes}: {Why}. Fix: {Fix}",
                r.Key.Display, r.LastOnRunId, r.SinceRunId, r.Since, string.Join(", ", r.Codes), r.Why, r.Fix);
        // The job's result is the exit code 'migrator run' would return: 5 with regressions, 4 partial, 0 otherwise.
        context.Result = result.Regressions.Count > 0 ? ExitCodes.Regressed : result.Partial ? ExitCodes.Partial : ExitCodes.Ok;
        if (result.Regressions.Count > 0)
            logger.LogWarning("Scheduled inventory found {Regressions} Pod Identity regression(s) in run {RunId} (exit code {ExitCode})", result.Regressions.Count, result.RunId, ExitCodes.Regressed);
        logger.LogInformation("Scheduled inventory finished: run {RunId}, {Bindings} bindings, partial {Partial}, reports {Reports}",
            result.RunId, result.Bindings, result.Partial, string.Join(", ", result.ReportFiles));
    }
}
