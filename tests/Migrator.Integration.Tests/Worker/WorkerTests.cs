using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Migrator.Core.Ports;
using Migrator.Integration.Tests.Hosting;
using Migrator.Verbs.Worker;
using Migrator.Worker;
using Quartz;

namespace Migrator.Integration.Tests.Worker;

/// <summary>The scheduled worker as `migrator worker --sandbox` builds it: Quartz with its store in the state file.</summary>
public sealed class WorkerTests
{
    [Fact]
    public async Task Worker_schedules_both_jobs_in_the_sqlite_store_and_the_inventory_job_runs_the_main_job()
    {
        var liveness = Path.Combine(Path.GetTempPath(), $"migrator-alive-{Guid.NewGuid():N}");
        await using var host = await SandboxHost.StartAsync(verb: new WorkerVerb(), extra: new Dictionary<string, string?>
        {
            ["Worker:LivenessFile"] = liveness,
            ["Worker:InventoryCron"] = "0 0 6 * * ?",
            ["Worker:Http:Port"] = "0",
        });
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
        var listener = new CompletionListener(InventoryJob.Key);
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.AllJobs()]);

        await scheduler.TriggerJob(InventoryJob.Key, CancellationToken.None);
        var exception = await listener.Completion.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Null(exception);
        var runs = await host.Services.GetRequiredService<IInventoryStore>().ListRunsAsync(CancellationToken.None);
        Assert.Single(runs);
        Assert.True(File.Exists(Path.Combine(host.WorkDirectory, "reports", "latest.html")), "the scheduled job writes the report");
        Assert.True(File.Exists(liveness), "the liveness file is written while the worker runs");

        // Quartz keeps its jobs and cron triggers in the same SQLite file as our state.
        await using var db = new SqliteConnection($"Data Source={Path.Combine(host.WorkDirectory, "migrator.db")}");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS";
        Assert.Equal(2L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Invalid_schedules_are_all_reported_with_their_configuration_path()
    {
        var result = new WorkerOptionsValidator().Validate(null, new WorkerOptions { InventoryCron = "every day", PhaseCron = "", HeartbeatSeconds = 0 });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Worker:InventoryCron 'every day'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Worker:PhaseCron", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Worker:HeartbeatSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_schedules_pass()
    {
        Assert.True(new WorkerOptionsValidator().Validate(null, new WorkerOptions()).Succeeded);
    }

    [Theory]
    [InlineData("1/assoc/111111111111/us-east-1/prod/payments/api", "111111111111/us-east-1/prod/payments/api")]
    [InlineData("1/trust/arn:aws:iam::111111111111:role/api", null)]
    [InlineData("1/trust/arn:aws:iam::111111111111:role/a/b/c/api", null)]
    public void Execution_log_scope_names_the_binding_of_a_binding_step(string stepId, string? binding)
    {
        Assert.Equal(binding, Migrator.Execution.LoggingExecutionObserver.BindingOf(stepId));
    }

    private sealed class CompletionListener(JobKey key) : IJobListener
    {
        private readonly TaskCompletionSource<JobExecutionException?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<JobExecutionException?> Completion => _done.Task;
        public string Name => "test-completion";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            if (context.JobDetail.Key.Equals(key))
                _done.TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
