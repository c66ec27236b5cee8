using Migrator.Integration.Tests.Execution;

namespace Migrator.Integration.Tests.Worker;

/// <summary>Issue 14: `worker --once` runs its jobs once and exits (it used to trigger inventory and keep the schedules running).</summary>
public sealed class WorkerOnceTests : IDisposable
{
    private readonly MigratorProcesses _m = new();

    public void Dispose() => _m.Dispose();

    [Fact]
    public async Task Worker_once_runs_inventory_then_the_phase_job_and_exits()
    {
        var output = await _m.Ok("worker", "--once", "--sandbox", "--Sandbox:Generate:Clusters=2", "--Sandbox:Generate:ServiceAccounts=20",
            $"--Worker:LivenessFile={_m.Dir.File("alive")}");

        Assert.Contains("inventory run 1:", output, StringComparison.Ordinal);
        Assert.Contains("no change window is configured", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_m.Dir.File("alive")), "no scheduler, no liveness file: the run ends with the process");
    }
}
