using System.Globalization;
using Microsoft.Extensions.Configuration;
using Migrator.Cli;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Core.Ports;
using Migrator.Core.Trust;

namespace Migrator.Pipeline;

/// <summary>
/// The worker's execution of approved phases: only inside a configured change window, only the newest plan, phases in
/// order, stopping at the first phase that is refused (not approved, soak not over, prerequisites not done) or that does
/// not complete cleanly. Re-running is safe: the journal makes every step idempotent.
/// </summary>
public sealed class PhaseRunner(
    IEksApi eks,
    IIamApi iam,
    IKubernetesEstate kubernetes,
    IExecutionJournal journal,
    IPlanStore plans,
    IConfiguration configuration,
    TimeProvider time)
{
    public ExecutionSettings Settings => configuration.GetSection("Execution").Get<ExecutionSettings>() ?? new ExecutionSettings();

    public PhaseExecutor CreateExecutor(IExecutionObserver? observer = null)
    {
        var settings = Settings;
        var planning = configuration.GetSection("Planning").Get<PlanningSettings>() ?? new PlanningSettings();
        var trust = new RewriterTrustEditor(new TrustRewriteOptions { Scoped = planning.ScopedTrust, SizeLimit = planning.TrustSizeLimit });
        return new PhaseExecutor(new ExecutionPorts(eks, iam, kubernetes, journal, trust), settings, time, observer);
    }

    public static string Holder(string role) =>
        $"{role}:{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    public async Task<int> RunApprovedAsync(TextWriter progress, CancellationToken ct)
    {
        var settings = Settings;
        var now = time.GetUtcNow();
        if (!settings.IsInChangeWindow(now))
        {
            await progress.WriteLineAsync(settings.ChangeWindows.Count == 0
                ? "no change window is configured (Execution:ChangeWindows): the worker executes nothing; run phases by hand with 'migrator phase run N'."
                : $"outside every change window at {now:yyyy-MM-dd HH:mm} UTC: nothing executed.");
            return ExitCodes.Ok;
        }
        var plan = await plans.LoadAsync(null, ct);
        if (plan is null)
        {
            await progress.WriteLineAsync("no plan exists yet: nothing to execute.");
            return ExitCodes.Ok;
        }
        var approvals = await plans.GetApprovalsAsync(plan.Id, ct);
        var executor = CreateExecutor();
        foreach (var phase in plan.Phases.Where(p => approvals.Any(a => a.Phase == p.Number)).OrderBy(p => p.Number))
        {
            ct.ThrowIfCancellationRequested();
            PhaseRunResult result;
            try
            {
                result = await executor.RunPhaseAsync(plan, phase.Number, approvals, Holder("worker"), ct);
            }
            catch (ExecutionRefusedException e)
            {
                await progress.WriteLineAsync($"phase {phase.Number} ({phase.Title}): not run: {e.Message}");
                return ExitCodes.Ok;
            }
            catch (PlanLockedException e)
            {
                await progress.WriteLineAsync($"plan {plan.Id} is locked by another executor: {e.Message}");
                return ExitCodes.Failure;
            }
            await progress.WriteLineAsync($"phase {phase.Number} ({phase.Title}): {result.Status}, {result.Bindings.Count - result.Failed} ok, {result.Failed} failed");
            if (result.Status != PhaseRunStatus.Completed)
                return ExitCodes.Partial;
        }
        return ExitCodes.Ok;
    }
}
