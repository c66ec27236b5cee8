namespace Migrator.Sandbox.Conditions;

/// <summary>
/// Conditions a cluster's kind decides for all its application bindings (China region, Kubernetes 1.23, eks.3 on
/// 1.28, Auto Mode, no agent add-on): seeded once the bindings exist.
/// </summary>
internal static class ClusterLevelConditions
{
    public static void Seed(EstateDraft draft)
    {
        foreach (var cluster in draft.Estate.Clusters)
        {
            SeededCondition? condition = draft.Kinds[cluster] switch
            {
                ClusterKind.China => SeededCondition.ChinaRegion,
                ClusterKind.Version123 => SeededCondition.ClusterVersionUnsupported,
                ClusterKind.Platform128Eks3 => SeededCondition.PlatformVersionBelowMinimum,
                ClusterKind.AutoMode => SeededCondition.AutoModeCluster,
                ClusterKind.NoAgent => SeededCondition.AgentAddonMissing,
                _ => null,
            };
            if (condition is null)
                continue;
            // A simple binding on a special cluster is not "simple": the cluster decides its category.
            draft.Seeds.RemoveAll(s => s.Condition == SeededCondition.SimpleIrsa && s.BindingKey.StartsWith(cluster.Key + "/", StringComparison.Ordinal));
            foreach (var sa in cluster.ServiceAccounts.Where(s => s.RoleArn is not null && s.Namespace != "kube-system"))
                draft.Seed(cluster, sa.Namespace, sa.Name, condition.Value);
        }
    }
}
