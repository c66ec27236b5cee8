namespace Migrator.Sandbox.Conditions;

/// <summary>The workload runs on Windows nodes: in the first standard cluster with a Windows node group.</summary>
internal sealed class WindowsWorkload : SingleRoleBinding
{
    public override SeededCondition Condition => SeededCondition.WindowsWorkload;

    protected override WorkloadPlacement Placement => WorkloadPlacement.Windows;

    protected override string? Image => "mcr.microsoft.com/dotnet/framework/aspnet:4.8";

    protected override Cluster? Where(EstateDraft draft, Cluster home) => draft.StandardClusters().FirstOrDefault(c => c.Nodegroups.Any(g => g.Os == NodeOs.Windows));
}
