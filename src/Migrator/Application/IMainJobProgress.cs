using Migrator.Core.Ports;
using Migrator.Core.Progress;
using Migrator.Reports;

namespace Migrator.Application;

/// <summary>Hears each stage of the main job as it ends, so a caller can tell people (console, worker log) as it goes.</summary>
public interface IMainJobProgress
{
    Task InventoryStartingAsync(IReadOnlyList<AccountScope> accounts);
    /// <summary>Hears where the inventory stands while it runs (its phases, then the CloudTrail sweeps); null: not told.</summary>
    IProgress<Core.Inventory.Collection.InventoryProgress>? Inventory => null;
    Task InventoryDoneAsync(InventoryOutcome outcome);
    Task AssessedAsync(AssessmentOutcome outcome);
    Task PlannedAsync(PlanOutcome outcome);
    /// <summary>The migration scope's progress after this run (null while no plan has fixed a scope).</summary>
    Task ScopeProgressAsync(ScopeProgress? progress);
    Task ReportedAsync(ReportOutcome outcome);
}
