using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Application;
using Migrator.Execution;
using Migrator.Verbs.Run;
using Migrator.Worker;
using Migrator.Worker.Http;
using Quartz;

namespace Migrator.Verbs.Worker;

/// <summary>
/// `migrator worker`: the scheduled worker. Quartz runs inventory → assessment → plan → report on a cron schedule and
/// executes approved phases inside change windows, with its persistent store in the same SQLite file. Ctrl-C (SIGINT)
/// or SIGTERM stops it cleanly: a running job finishes its steps in flight, journals them and starts nothing new.
/// `--once` runs both jobs once, in order, without the scheduler, and exits with the phases' exit code.
/// </summary>
public sealed class WorkerVerb : IHostConfiguringVerb
{
    public string Name => "worker";
    public string Summary => "run the scheduled worker (Quartz): inventory/assess/report on a schedule, approved phases in change windows";
    public static readonly VerbOption<bool> Once = VerbOption.Flag("--once", "run the jobs once (inventory/assess/plan/report, then approved phases in a change window) and exit");

    public IReadOnlyList<VerbOption> Options => [Once];
    public Type Handler => typeof(WorkerHandler);

    public void ConfigureHost(HostApplicationBuilder builder, CliArgs args)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        builder.Services.AddSingleton<WorkerStop>();
        // Once: no scheduler at all, so no cron (or misfired trigger) can fire beside the single run.
        if (args.Get(Once))
            return;
        builder.Services.AddSingleton<Liveness>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Liveness>());

        var worker = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        // Quartz parses a cron as the trigger is added: an invalid one is left to start-up validation, which lists it
        // with every other configuration problem (exit 3) instead of Quartz throwing here.
        if (new WorkerOptionsValidator().Validate(null, worker).Failed)
            return;
        builder.Services.AddQuartz(q =>
        {
            // The inventory and the phase job, plus the shards this worker may collect at once when the inventory is sharded.
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 2 + (worker.ShardInventory ? worker.ShardsPerWorker : 0));
            // SQLite file, or clustered on PostgreSQL (Storage:Provider postgres): Scheduling/SchedulerStore.
            Scheduling.SchedulerStore.Use(q, builder.Services, builder.Configuration, worker);
            q.AddJobListener(sp => new JobDurationListener(sp.GetRequiredService<WorkerMetrics>()), [GroupMatcher<JobKey>.AnyGroup()]);
            q.AddJob<InventoryJob>(j => j.WithIdentity(InventoryJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(InventoryJob.Key).WithIdentity("inventory-cron", "migrator")
                .WithCronSchedule(worker.InventoryCron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            // RequestRecovery: in a cluster, a phase whose worker died is re-run by another, which resumes from the journal.
            q.AddJob<PhaseExecutionJob>(j => j.WithIdentity(PhaseExecutionJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(PhaseExecutionJob.Key).WithIdentity("phases-cron", "migrator")
                .WithCronSchedule(worker.PhaseCron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
        });
        builder.Services.Configure<QuartzSchedulerOptions>(o => o.IdleWaitTime = worker.SchedulerIdleWait);
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // Registered after Quartz: started once the scheduler runs, stopped before it.
        builder.Services.AddWorkerHttp();
    }

    /// <summary>
    /// Runs the worker. The scheduler is there unless --once (<see cref="ConfigureHost"/> adds no Quartz for a single
    /// run), so it and the HTTP server registered with it are the optional services.
    /// </summary>
    public sealed class WorkerHandler(
        IOptions<WorkerOptions> options, WorkerStop stop, IMainJob job, ExecutionStage execution, LoggingExecutionObserver observer, VerbConsole console,
        ISchedulerFactory? schedulers = null, WorkerHttpServer? http = null) : IVerbHandler
    {
        public async Task<int> RunAsync(CliArgs args, CancellationToken ct)
        {
            if (args.Get(Once))
                return await RunOnceAsync(ct);
            if (schedulers is null)
                throw new InvalidOperationException("the worker's host has no scheduler: ConfigureHost adds Quartz for every run but --once.");
            var settings = options.Value;
            var addresses = http is null ? "none" : string.Join(", ", http.Addresses);
            console.Out.WriteLine($"worker started: inventory '{settings.InventoryCron}'{(settings.ShardInventory ? " (sharded per account and region)" : "")}, phases '{settings.PhaseCron}' (UTC); liveness file {settings.LivenessFile}; http {addresses} (/healthz /readyz /metrics /reports/). Ctrl-C or SIGTERM stops.");
            var scheduler = await schedulers.GetScheduler(ct);
            if (settings.RunInventoryAtStart)
                await scheduler.TriggerJob(InventoryJob.Key, ct);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                console.Out.WriteLine("worker stopping: no job starts any more; running jobs finish their steps in flight...");
            }
            // No new fire; running jobs see the stop and end after their current steps (Quartz waits for them on host stop).
            await scheduler.Standby(CancellationToken.None);
            stop.Request();
            return ExitCodes.Ok;
        }

        private async Task<int> RunOnceAsync(CancellationToken ct)
        {
            var result = await job.RunAsync(new MainJobRequest(), new MainJobNarration(console.Out), ct);
            console.Out.WriteLine($"inventory run {result.RunId}: {result.Bindings} bindings{(result.Partial ? " (partial)" : "")}; reports {string.Join(", ", result.ReportFiles)}");
            var phases = await execution.RunApprovedPhasesAsync(observer, ct);
            await ApprovedPhasesText.WriteAsync(console.Out, phases);
            return ApprovedPhasesText.ExitCode(phases);
        }
    }
}
