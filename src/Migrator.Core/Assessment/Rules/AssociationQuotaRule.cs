namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// 5,000 associations per cluster, not adjustable (DOMAIN.md). If the existing associations plus one per binding of the
/// cluster that still needs one exceed Assessment:AssociationQuota, the cluster cannot move completely.
/// </summary>
internal sealed class AssociationQuotaRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.SameRoleAssociation is not null) yield break;
        var cluster = b.Key.Cluster;
        var existing = Math.Max(b.Cluster?.AssociationCount ?? 0, b.Estate.AssociationsIn(cluster));
        var needed = b.Estate.BindingsNeedingAssociation(cluster);
        var quota = b.Settings.AssociationQuota;
        if (existing + needed <= quota) yield break;
        yield return new Finding(ReasonCodes.AssociationQuota,
            "Migrating the cluster would exceed the Pod Identity association quota",
            $"{BindingContext.Describe(cluster)} has {existing} associations and {needed} bindings still need one: {existing + needed} > quota {quota}",
            "Keep IRSA for part of the cluster (e.g. Unused and KeepIrsa bindings removed first, shared roles consolidated) or split workloads across clusters.");
    }
}
