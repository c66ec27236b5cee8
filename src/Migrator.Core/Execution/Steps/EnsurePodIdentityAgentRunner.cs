using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Core.Ports;

namespace Migrator.Core.Execution.Steps;

/// <summary>Creates the agent add-on when missing and waits until it is ACTIVE. Not undone: the agent is harmless to keep.</summary>
internal sealed class EnsurePodIdentityAgentRunner : StepRunner<EnsurePodIdentityAgentStep>
{
    protected override string? AlreadyDone => null;

    protected override async Task<StepResult> RunAsync(ExecutionScope s, EnsurePodIdentityAgentStep step, int phase, CancellationToken ct)
    {
        var scope = ExecutionScope.ScopeOf(step.Cluster);
        var addon = await s.Eks(t => s.Ports.Eks.DescribeAddonAsync(scope, step.Cluster.Name, Planner.PodIdentityAgentAddon, t), ct);
        if (s.View.LatestForward(step.Id) is { IsPending: true } pending)
            await s.CompleteAsync(pending, addon is null ? JournalStatus.Abandoned : JournalStatus.Succeeded, addon?.Status,
                addon is null ? "reconciled: add-on was not created; retrying" : "reconciled: add-on exists", ct, afterMutation: false);
        if (addon is null)
        {
            var entry = await s.BeginAsync(s.NewEntry(phase, step.Id, step.Kind, null, null) with { Before = "not installed", IntendedAfter = "ACTIVE" }, ct);
            addon = await s.MutateAsync(entry, c => s.Eks(t => s.Ports.Eks.CreateAddonAsync(scope, step.Cluster.Name, Planner.PodIdentityAgentAddon, t), c), ct);
            await s.CompleteAsync(entry, JournalStatus.Succeeded, addon.Status, $"created add-on {Planner.PodIdentityAgentAddon}", ct);
        }
        for (var attempt = 1; !IsActive(addon) && attempt < s.Settings.AgentWaitAttempts; attempt++)
        {
            await s.DelayAsync(s.Settings.AgentWaitInterval, ct);
            addon = await s.Eks(t => s.Ports.Eks.DescribeAddonAsync(scope, step.Cluster.Name, Planner.PodIdentityAgentAddon, t), ct);
        }
        if (!IsActive(addon))
            return StepResult.Fail($"add-on {Planner.PodIdentityAgentAddon} on {step.Cluster.Key} is {addon?.Status ?? "missing"}, not ACTIVE");
        if (!s.View.InEffect(step.Id))
            await s.RecordAsync(s.NewEntry(phase, step.Id, step.Kind, null, null) with { Status = JournalStatus.AlreadyDone, Result = "ACTIVE", Message = "add-on ACTIVE" }, ct);
        return StepResult.Success("pod identity agent ACTIVE");

        static bool IsActive(AddonDescription? a) => string.Equals(a?.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase);
    }
}
