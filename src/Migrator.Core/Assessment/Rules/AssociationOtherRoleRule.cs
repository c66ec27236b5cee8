namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// An association to a DIFFERENT role wins over the annotation for new pods (webhook precedence, DOMAIN.md):
/// the workload silently changes identity. eksctl accepts this silently; we flag it.
/// </summary>
internal sealed class AssociationOtherRoleRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null) yield break;
        foreach (var a in b.Associations.Where(a => !EstateIndex.AssociationUsesRole(a, b.Arn.Value)).OrderBy(a => a.AssociationId, StringComparer.Ordinal))
        {
            var target = a.TargetRoleArn is null ? "" : $" (targetRoleArn {a.TargetRoleArn})";
            yield return new Finding(ReasonCodes.AssociationOtherRole,
                "A Pod Identity association names a different role than the annotation",
                $"association {a.AssociationId} on {BindingContext.Describe(b.Key.Cluster)} maps {b.Key.Namespace}/{b.Key.ServiceAccount} to {a.RoleArn}{target}, "
                + $"the annotation says {b.Arn.Value}; new pods get the association's role",
                "Decide which role is right: delete or update the association (UpdatePodIdentityAssociation), or fix the annotation, before migrating.");
        }
    }
}
