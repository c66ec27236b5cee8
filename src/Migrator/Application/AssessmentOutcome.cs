using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Application;

/// <summary>What the assessment stage stored: the run it assessed, that run's inventory status and the bindings per category.</summary>
public sealed record AssessmentOutcome(long RunId, RunStatus InventoryStatus, IReadOnlyDictionary<BindingCategory, int> Counts)
{
    public int Bindings => Counts.Values.Sum();

    /// <summary>Bindings per category, in category order ("Ready 3, KeepIrsa 1").</summary>
    public IEnumerable<(BindingCategory Category, int Count)> ByCategory =>
        Counts.Where(c => c.Value > 0).OrderBy(c => c.Key).Select(c => (c.Key, c.Value));
}

/// <summary>An assessment made and saved whole, for those who show it ('assess'), with its run's inventory status.</summary>
public sealed record AssessedRun(AssessmentResult Assessment, RunStatus InventoryStatus)
{
    public long RunId => Assessment.RunId;
}
