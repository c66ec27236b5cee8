using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Application;

/// <summary>What the assessment stage did: the stored assessment, and the status of the inventory run it assessed.</summary>
public sealed record AssessmentOutcome(AssessmentResult Assessment, RunStatus InventoryStatus)
{
    public long RunId => Assessment.RunId;

    /// <summary>Bindings per category, in category order ("Ready 3, KeepIrsa 1").</summary>
    public IEnumerable<(BindingCategory Category, int Count)> ByCategory =>
        Assessment.Bindings.GroupBy(b => b.Category).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));
}
