using Migrator.Core.Ownership;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Names what manages the binding's role and ServiceAccount (issue 16): an owner's next terraform apply, stack update,
/// Helm upgrade or GitOps sync reverts a change it does not know of, so its changes go through it (change-set mode).
/// </summary>
internal sealed class ManagedByOwnerRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Role?.Owner is { } role)
            yield return new Finding(ReasonCodes.RoleOwner, $"The role is managed by {role.Display}",
                $"role {b.Role.Arn} is managed by {role.Display} ({role.Evidence})",
                $"Its trust policy and association are changed through {ResourceOwner.KindName(role.Kind)} (a change-set the plan writes and waits for), unless Planning:OwnerModes:{role.Kind} is Direct or the approval forces it; a direct change would be reverted by its next apply.");
        if (b.ServiceAccount.Owner is { } sa)
            yield return new Finding(ReasonCodes.ServiceAccountOwner, $"The ServiceAccount is managed by {sa.Display}",
                $"ServiceAccount {b.Key.Namespace}/{b.Key.ServiceAccount} is managed by {sa.Display} ({sa.Evidence})",
                $"Its IRSA annotations are removed through {ResourceOwner.KindName(sa.Kind)} (Helm values or a kustomize patch the cleanup writes and waits for), unless Planning:OwnerModes:{sa.Kind} is Direct or the approval forces it; a direct removal would come back at its next sync or upgrade.");
    }
}
