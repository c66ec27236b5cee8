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
        var others = b.Estate.BindingsByRole[b.Arn.Value].Where(s => s.Key != b.Key)
            .OrderBy(s => s.Cluster.Key, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var sameCluster = others.Where(s => s.Cluster == b.Key.Cluster).Select(s => $"{s.Namespace}/{s.Name}").ToList();
        if (sameCluster.Count > 0)
        {
            yield return new Finding(ReasonCodes.SharedRole,
                "The role is shared with other ServiceAccounts of the cluster",
                $"role {b.Arn.Value} is also annotated on {BindingContext.List(sameCluster)} in {BindingContext.Describe(b.Key.Cluster)}",
                $"Migrate the {sameCluster.Count + 1} ServiceAccounts of this role together: one trust-policy edit for all, then one association each.");
        }
        var otherClusters = others.Where(s => s.Cluster != b.Key.Cluster).Select(s => $"{s.Cluster.Key}/{s.Namespace}/{s.Name}").ToList();
        if (otherClusters.Count > 0)
        {
            var clusters = others.Where(s => s.Cluster != b.Key.Cluster).Select(s => s.Cluster).Distinct().Count();
            yield return new Finding(ReasonCodes.MultiCluster,
                "The role is used by bindings in other clusters",
                $"role {b.Arn.Value} is also annotated on {BindingContext.List(otherClusters)} ({clusters} other cluster(s)); its trust has one statement per cluster issuer",
                "Plan the role once across clusters: add one scoped Pod Identity statement, migrate cluster by cluster, and remove each cluster's OIDC subject only after its soak.");
        }
    }
}
