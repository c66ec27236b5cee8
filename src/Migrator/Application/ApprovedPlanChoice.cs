using Migrator.Core.Execution;
using Migrator.Core.Ports;

namespace Migrator.Application;

/// <summary>
/// Which stored plan the worker executes: the newest plan with at least one approved phase. Each scheduled inventory
/// stores a new plan; it takes over only once one of its phases is approved.
/// </summary>
public static class ApprovedPlanChoice
{
    /// <summary>The newest plan of <paramref name="stored"/> (newest first, as <see cref="IPlanStore.ListAsync"/> lists) with an approval, and its approvals; (null, []) when none has one.</summary>
    public static async Task<(string? PlanId, IReadOnlyList<PhaseApproval> Approvals)> NewestApprovedAsync(IPlanStore plans, IReadOnlyList<PlanSummary> stored, CancellationToken ct)
    {
        foreach (var summary in stored)
        {
            var approvals = await plans.GetApprovalsAsync(summary.PlanId, ct);
            if (approvals.Count > 0)
                return (summary.PlanId, approvals);
        }
        return (null, []);
    }
}
