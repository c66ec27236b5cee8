namespace Migrator.Sandbox.Conditions;

/// <summary>The workload runs on Fargate: in the first standard cluster with a Fargate profile, in its namespace.</summary>
internal sealed class FargateWorkload : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.FargateWorkload;

    protected override WorkloadPlacement Placement => WorkloadPlacement.Fargate;

    protected override Cluster? Where(EstateDraft draft, Cluster home) => draft.StandardClusters().FirstOrDefault(c => c.FargateProfiles.Count > 0);

    protected override string? Namespace(Cluster cluster) => cluster.FargateProfiles[0].Selectors[0].Namespace;
}
