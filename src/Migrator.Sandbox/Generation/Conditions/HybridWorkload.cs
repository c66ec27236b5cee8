namespace Migrator.Sandbox.Conditions;

/// <summary>The workload runs on hybrid (on-premises) nodes: in the first standard cluster with some.</summary>
internal sealed class HybridWorkload : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.HybridWorkload;

    protected override WorkloadPlacement Placement => WorkloadPlacement.Hybrid;

    protected override Cluster? Where(EstateDraft draft, Cluster home) => draft.StandardClusters().FirstOrDefault(c => c.Nodegroups.Any(g => g.ComputeType == ComputeType.Hybrid));
}
