using Migrator.Core.Ownership;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Planning;

/// <summary>
/// The last planning pass: a change to a resource whose owner is in change-set mode becomes the change-set step that
/// stands for it (same id), so the owner makes it (issue 16). Role changes follow the role's owner, the annotations'
/// removal the ServiceAccount's owner; add-on ServiceAccounts keep the add-on API.
/// </summary>
internal static class ChangeSetSteps
{
    public static Phase Apply(Phase phase)
    {
        var bindings = phase.Bindings.ToDictionary(b => b.Key);
        var roleOwners = phase.Bindings.Where(b => b.RoleMode == ExecutionMode.ChangeSet && b.RoleOwner is not null)
            .GroupBy(b => b.RoleArn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().RoleOwner!, StringComparer.Ordinal);
        PlannedBinding? Of(PlanStep st) => st.Binding is { } k && bindings.TryGetValue(k, out var b) ? b : null;
        ResourceOwner? RoleOwner(PlanStep st) => st.RoleArn is { } r && roleOwners.TryGetValue(r, out var o) ? o : null;

        var steps = phase.Steps.Select(step => step switch
        {
            AddPodIdentityTrustStep trust when RoleOwner(trust) is { } owner =>
                ChangeSetStep.From(trust, new PodIdentityTrustChangeSetStep { Id = trust.Id, Cluster = trust.Cluster, Owner = owner, Direct = trust }),
            CreateAssociationStep assoc when RoleOwner(assoc) is { } owner =>
                ChangeSetStep.From(assoc, new AssociationChangeSetStep { Id = assoc.Id, Cluster = assoc.Cluster, Owner = owner, Direct = assoc }),
            RemoveIrsaTrustSubjectStep subject when RoleOwner(subject) is { } owner =>
                ChangeSetStep.From(subject, new TrustSubjectChangeSetStep { Id = subject.Id, Cluster = subject.Cluster, Owner = owner, Direct = subject }),
            RemoveIrsaAnnotationsStep annotations when Of(annotations) is { ServiceAccountMode: ExecutionMode.ChangeSet, ServiceAccountOwner: { } owner } =>
                ChangeSetStep.From(annotations, new AnnotationsChangeSetStep { Id = annotations.Id, Cluster = annotations.Cluster, Owner = owner, Direct = annotations }),
            _ => step,
        }).ToList();
        return phase with { Steps = steps };
    }
}
