using Microsoft.Extensions.DependencyInjection;
using Migrator.Application;
using Migrator.Core.Execution;
using Migrator.Core.Ports;
using Migrator.Execution;
using Migrator.Integration.Tests.Hosting;
using Migrator.Verbs.Run;
using Migrator.Worker;

namespace Migrator.Integration.Tests.Worker;

/// <summary>
/// Issue 18: each scheduled inventory stores a new plan; the worker keeps executing the plan that was approved until a
/// newer plan is approved (it used to take the newest plan, whose phases nobody had approved, and execute nothing).
/// </summary>
public sealed class ApprovedPlanSelectionTests
{
    /// <summary>Change windows open every day, all day (bar one second at midnight).</summary>
    private static Dictionary<string, string?> AlwaysOpen()
    {
        var settings = Enum.GetValues<DayOfWeek>().Select((d, i) => ($"Execution:ChangeWindows:0:Days:{i}", (string?)d.ToString()))
            .ToDictionary(p => p.Item1, p => p.Item2);
        settings["Execution:ChangeWindows:0:Start"] = "00:00:01";
        settings["Execution:ChangeWindows:0:End"] = "00:00:00";
        return settings;
    }

    [Fact]
    public async Task A_plan_made_by_a_later_inventory_does_not_replace_the_approved_plan_until_it_is_approved()
    {
        await using var host = await SandboxHost.StartAsync(clusters: 2, serviceAccounts: 12, extra: AlwaysOpen());
        var ct = CancellationToken.None;
        var mainJob = host.Services.GetRequiredService<IMainJob>();
        var plans = host.Services.GetRequiredService<IPlanStore>();
        var execution = host.Services.GetRequiredService<ExecutionStage>();
        var observer = host.Services.GetRequiredService<LoggingExecutionObserver>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        await mainJob.RunAsync(new MainJobRequest(), new MainJobNarration(TextWriter.Null), ct);
        var approved = (await plans.ListAsync(ct))[0].PlanId;
        await plans.ApproveAsync(new PhaseApproval(approved, 0, "test", now), ct);
        // The next scheduled inventory stores a newer plan that nobody approved.
        await mainJob.RunAsync(new MainJobRequest(), new MainJobNarration(TextWriter.Null), ct);
        var newer = (await plans.ListAsync(ct))[0].PlanId;
        Assert.NotEqual(approved, newer);

        var outcome = await execution.RunApprovedPhasesAsync(observer, ct);

        Assert.Equal(approved, outcome.PlanId);
        Assert.Equal(newer, outcome.NewestPlanId);
        Assert.Equal(0, Assert.Single(outcome.Phases).Number);
        using var text = new StringWriter();
        await ApprovedPhasesText.WriteAsync(text, outcome);
        Assert.Contains($"executing approved plan {approved}; the newer plan {newer} has no approved phase", text.ToString(), StringComparison.Ordinal);

        // Approving the newer plan hands execution over to it.
        await plans.ApproveAsync(new PhaseApproval(newer, 0, "test", now), ct);
        Assert.Equal(newer, (await execution.RunApprovedPhasesAsync(observer, ct)).PlanId);
    }

    [Fact]
    public async Task Without_any_approval_nothing_runs_and_the_text_names_the_plan_to_approve()
    {
        await using var host = await SandboxHost.StartAsync(clusters: 2, serviceAccounts: 12, extra: AlwaysOpen());
        var ct = CancellationToken.None;
        await host.Services.GetRequiredService<IMainJob>().RunAsync(new MainJobRequest(), new MainJobNarration(TextWriter.Null), ct);
        var newest = (await host.Services.GetRequiredService<IPlanStore>().ListAsync(ct))[0].PlanId;

        var outcome = await host.Services.GetRequiredService<ExecutionStage>().RunApprovedPhasesAsync(host.Services.GetRequiredService<LoggingExecutionObserver>(), ct);

        Assert.Equal(ApprovedPhasesStatus.NoApprovedPlan, outcome.Status);
        Assert.Empty(outcome.Phases);
        using var text = new StringWriter();
        await ApprovedPhasesText.WriteAsync(text, outcome);
        Assert.Contains($"migrator plan approve --plan {newest}", text.ToString(), StringComparison.Ordinal);
    }
}
