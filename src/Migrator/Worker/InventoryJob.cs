using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Migrator.Application;
using Migrator.Cli;
using Migrator.Verbs.Run;
using Quartz;

namespace Migrator.Worker;

/// <summary>
/// Scheduled inventory → assessment → plan → report. Never two at once. With Worker:ShardInventory it only begins a
/// sharded run and schedules its shard jobs (<see cref="InventoryShardJob"/>), which any worker takes; the worker that
/// stores the last shard assesses, plans and reports.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InventoryJob(
    IMainJob mainJob, Liveness liveness, WorkerStop stop, ILogger<InventoryJob> logger,
    IOptions<WorkerOptions>? options = null, ShardedInventoryStage? sharded = null) : IJob
{
    public static readonly JobKey Key = new("inventory-assess-report", "migrator");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Scheduled inventory started (fire {FireInstanceId})", context.FireInstanceId);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        if (options?.Value.ShardInventory == true && sharded is not null)
        {
            await BeginShardedAsync(context, stopping.Token);
            return;
        }
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
        context.Result = MainJobResultLog.Write(logger, result);
    }

    private async Task BeginShardedAsync(IJobExecutionContext context, CancellationToken ct)
    {
        var (runId, shards, superseded) = await sharded!.BeginAsync(ct);
        foreach (var old in superseded)
            logger.LogWarning("Sharded inventory run {RunId} was still running at the next schedule: marked Interrupted (its late shards store nothing)", old);
        // Scheduled with CancellationToken.None: a run begun is given all its shards, or its shards would never be taken.
        await InventoryShardJob.ScheduleAsync(context.Scheduler, runId, shards.Select(s => s.Index), CancellationToken.None);
        liveness.Beat();
        logger.LogInformation("Sharded inventory run {RunId} begun: {Shards} shard(s) ({Keys}) scheduled for any worker to take",
            runId, shards.Count, string.Join(", ", shards.Select(s => s.Key)));
        context.Result = ExitCodes.Ok;
    }
}
