using System.Globalization;
using Microsoft.Extensions.Logging;
using Migrator.Application;
using Migrator.Verbs.Run;
using Quartz;

namespace Migrator.Worker;

/// <summary>
/// Collects and stores one shard (an account and region) of a sharded inventory run; any worker may take it. It is
/// recoverable: in a cluster, a shard whose worker died is re-run by another (a shard already stored is not collected
/// again). A stopping worker finishes its shards (a shard is one account-region: minutes at most) rather than leave
/// them half-taken. The job whose commit completes the run goes on to assess, plan and report it.
/// </summary>
public sealed class InventoryShardJob(ShardedInventoryStage stage, IMainJob mainJob, Liveness liveness, ILogger<InventoryShardJob> logger) : IJob
{
    public const string Group = "migrator-inventory-shards";
    private const string RunKey = "runId";
    private const string ShardKey = "shard";

    /// <summary>One recoverable job and trigger, firing now, per shard.</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, long runId, IEnumerable<int> shards, CancellationToken ct)
    {
        foreach (var shard in shards)
        {
            var job = JobBuilder.Create<InventoryShardJob>()
                .WithIdentity($"run-{runId}-shard-{shard}", Group)
                .UsingJobData(RunKey, runId.ToString(CultureInfo.InvariantCulture))
                .UsingJobData(ShardKey, shard.ToString(CultureInfo.InvariantCulture))
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"run-{runId}-shard-{shard}", Group).ForJob(job).StartNow().Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: ct);
        }
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var runId = long.Parse(data.GetString(RunKey)!, CultureInfo.InvariantCulture);
        var shard = int.Parse(data.GetString(ShardKey)!, CultureInfo.InvariantCulture);
        var worker = context.Scheduler.SchedulerInstanceId;
        if (context.Recovering)
            logger.LogWarning("Recovering inventory shard {Shard} of run {RunId} from a worker that stopped mid-job", shard, runId);
        var outcome = await stage.CollectAsync(runId, shard, worker, cancellationToken);
        liveness.Beat();
        if (!outcome.Stored)
        {
            logger.LogInformation("Inventory shard {Shard} ({Key}) of run {RunId} was already stored (by {Worker}) or its run superseded: nothing to collect", shard, outcome.Shard.Key, runId, outcome.Shard.Worker);
            // The worker that stored the last shard died before it had assessed, planned and reported: do it now.
            if (context.Recovering && outcome.CompletedRun is { } completed)
                await ContinueAsync(context, completed, cancellationToken);
            return;
        }
        if (outcome.Error is not null)
            logger.LogWarning("Inventory shard {Shard} ({Key}) of run {RunId} failed on worker {Worker}: {Error}", shard, outcome.Shard.Key, runId, worker, outcome.Error);
        else
            logger.LogInformation("Inventory shard {Shard} ({Key}) of run {RunId} stored by worker {Worker} in {Elapsed}: {Clusters} cluster(s), {ServiceAccounts} ServiceAccount(s)",
                shard, outcome.Shard.Key, runId, worker, outcome.Elapsed, outcome.Clusters, outcome.ServiceAccounts);
        if (outcome.CompletedRun is { } run)
            await ContinueAsync(context, run, cancellationToken);
    }

    private async Task ContinueAsync(IJobExecutionContext context, Core.Inventory.RunSummary run, CancellationToken ct)
    {
        logger.LogInformation("Sharded inventory run {RunId} complete ({Status}): {Clusters} clusters, {Bindings} IRSA bindings, {Pods} pods; assessing, planning and reporting",
            run.RunId, run.Status.ToString().ToLowerInvariant(), run.Clusters, run.Bindings, run.Pods);
        using var log = new LogWriter(logger);
        var result = await mainJob.ContinueAsync(run.RunId, new MainJobRequest(), new MainJobNarration(log), ct);
        liveness.Beat();
        context.Result = MainJobResultLog.Write(logger, result);
    }
}
