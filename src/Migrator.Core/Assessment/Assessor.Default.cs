using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

public static partial class Assessor
{
    /// <summary>Assesses every workload identity of the snapshot with the trust engine (Migrator.Core.Trust).</summary>
    public static AssessmentResult Assess(InventorySnapshot snapshot, AssessmentSettings settings, DateTimeOffset assessedAt) =>
        Assess(snapshot, settings, assessedAt, TrustEngineReader.Instance);
}
