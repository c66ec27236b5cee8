using Migrator.Core.Inventory;
using Migrator.Core.Progress;

namespace Migrator.Application;

/// <summary>
/// What the main job did, without the estate itself (the snapshot and assessment are let go before the report): the
/// inventory run, its status, the bindings assessed, the plan made (if any), the report files written, and the
/// identities of the migration scope that left Pod Identity (regressions).
/// </summary>
public sealed record MainJobOutcome(long RunId, RunStatus InventoryStatus, int Bindings, string? PlanId, IReadOnlyList<string> ReportFiles, IReadOnlyList<Regression> Regressions)
{
    /// <summary>Some clusters or accounts could not be read.</summary>
    public bool Partial => InventoryStatus != RunStatus.Complete;
}
