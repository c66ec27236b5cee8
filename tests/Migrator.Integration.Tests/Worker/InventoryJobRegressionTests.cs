using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Migrator.Cli;
using Migrator.Core.Inventory;
using Migrator.Core.Progress;
using Migrator.Application;
using Migrator.Worker;
using Quartz;
using Quartz.Extensibility;

namespace Migrator.Integration.Tests.Worker;

/// <summary>The scheduled inventory job, run by a real Quartz scheduler, over a main job that reports a regression.</summary>
public sealed class InventoryJobRegressionTests
{
    private static readonly BindingKey Key = new(new ClusterRef("111111111111", "us-east-1", "prod"), "shop", "api");

    [Fact]
    public async Task The_inventory_job_logs_each_regression_as_a_warning_and_its_result_is_the_regression_exit_code()
    {
        var regression = new Regression
        {
            Key = Key, RoleArn = "arn:aws:iam::111111111111:role/api", Codes = ["broken.pod-identity-trust-denies"],
            Why = "no statement admits pods.eks.amazonaws.com", Fix = "add it back", LastOnRunId = 4, SinceRunId = 5, Since = DateTimeOffset.UnixEpoch,
        };
        var (result, log) = await RunJobAsync(new MainJobOutcome(5, RunStatus.Complete, 10, null, [], [regression]));

        Assert.Equal(ExitCodes.Regressed, result);
        var warnings = log.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("prod/shop/api", StringComparison.Ordinal) && w.Contains("broken.pod-identity-trust-denies", StringComparison.Ordinal)
            && w.Contains("since run 5", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("1 Pod Identity regression(s) in run 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_regressions_the_job_result_is_ok_or_partial_and_nothing_is_logged_as_a_warning()
    {
        var (ok, log) = await RunJobAsync(new MainJobOutcome(5, RunStatus.Complete, 10, null, [], []));
        Assert.Equal(ExitCodes.Ok, ok);
        Assert.DoesNotContain(log, l => l.Level >= LogLevel.Warning);
        Assert.Equal(ExitCodes.Partial, (await RunJobAsync(new MainJobOutcome(6, RunStatus.Partial, 10, null, [], []))).Result);
    }

    private static async Task<(object? Result, List<(LogLevel Level, string Message)> Log)> RunJobAsync(MainJobOutcome outcome)
    {
        var logger = new ListLogger();
        var liveness = new Liveness(Options.Create(new WorkerOptions { LivenessFile = Path.Combine(Path.GetTempPath(), $"migrator-alive-{Guid.NewGuid():N}") }), TimeProvider.System);
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.UseInMemoryStore();
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 1);
            q.UseJobFactory(new Factory(new InventoryJob(new StubMainJob(outcome), liveness, new WorkerStop(), logger)));
        }).BuildScheduler(CancellationToken.None);
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.ListenerManager.AddJobListener(new ResultListener(done), [Matchers.Key(InventoryJob.Key)]);
        await scheduler.Start();
        try
        {
            await scheduler.ScheduleJob(JobBuilder.Create<InventoryJob>().WithIdentity(InventoryJob.Key).Build(), TriggerBuilder.Create().StartNow().Build());
            var result = await done.Task.WaitAsync(TimeSpan.FromMinutes(1));
            return (result, logger.Entries);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }
    }

    private sealed class StubMainJob(MainJobOutcome outcome) : IMainJob
    {
        public Task<MainJobOutcome> RunAsync(MainJobRequest request, IMainJobProgress progress, CancellationToken ct) => Task.FromResult(outcome);
        public Task<MainJobOutcome> ContinueAsync(long runId, MainJobRequest request, IMainJobProgress progress, CancellationToken ct) => Task.FromResult(outcome);
    }

    private sealed class Factory(IJob job) : IJobFactory
    {
        public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken) => ValueTask.FromResult(new JobScope(job, null!));
        public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class ResultListener(TaskCompletionSource<object?> done) : IJobListener
    {
        public string Name => "result";
        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            if (jobException is null) done.TrySetResult(context.Result);
            else done.TrySetException(jobException);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class ListLogger : ILogger<InventoryJob>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
