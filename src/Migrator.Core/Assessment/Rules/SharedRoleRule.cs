namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// A role annotated on several ServiceAccounts must have its trust edited once for all of them (eksctl's parallel,
/// unsynchronised writes lose updates): same cluster → coordinate.shared-role, other clusters → coordinate.multi-cluster.
/// </summary>
internal sealed class SharedRoleRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null) yield break;
        // One pass over the role's bindings, sorted once for the estate: counts, and the first few named.
        var sharers = b.Estate.SharersOf(b.Arn.Value);
        var (sameCluster, sameCount, otherClusters, otherCount) = (new List<string>(), 0, new List<string>(), 0);
        foreach (var s in sharers.Sorted)
        {
            if (s.Cluster == b.Key.Cluster && s.Namespace == b.Key.Namespace && s.Name == b.Key.ServiceAccount) continue;
            if (s.Cluster == b.Key.Cluster)
            {
                if (sameCount++ < BindingContext.ListMax) sameCluster.Add($"{s.Namespace}/{s.Name}");
            }
            else if (otherCount++ < BindingContext.ListMax)
                otherClusters.Add($"{s.Cluster.Key}/{s.Namespace}/{s.Name}");
        }
        if (sameCount > 0)
        {
            yield return new Finding(ReasonCodes.SharedRole,
                "The role is shared with other ServiceAccounts of the cluster",
                $"role {b.Arn.Value} is also annotated on {BindingContext.List(sameCluster, sameCount)} in {BindingContext.Describe(b.Key.Cluster)}",
                $"Migrate the {sameCount + 1} ServiceAccounts of this role together: one trust-policy edit for all, then one association each.");
        }
        if (otherCount > 0)
        {
            var clusters = sharers.Clusters.Count - (sharers.Clusters.Contains(b.Key.Cluster) ? 1 : 0);
            yield return new Finding(ReasonCodes.MultiCluster,
                "The role is used by bindings in other clusters",
                $"role {b.Arn.Value} is also annotated on {BindingContext.List(otherClusters, otherCount)} ({clusters} other cluster(s)); its trust has one statement per cluster issuer",
                "Plan the role once across clusters: add one scoped Pod Identity statement, migrate cluster by cluster, and remove each cluster's OIDC subject only after its soak.");
        }
    }
}
