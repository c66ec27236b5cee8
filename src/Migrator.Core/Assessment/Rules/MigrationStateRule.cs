using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Migrated means verified: an association (to the annotated role, when annotated), the Pod Identity health audit
/// passed (the role's trust admits pods.eks.amazonaws.com for this ServiceAccount's session tags, chains and agent
/// sound) and the pods carry the container-credential env (webhook precedence, DOMAIN.md). With no running pods and no
/// annotation left, every new pod can only get Pod Identity. Pods still on IRSA next to such an association wait for a restart.
/// </summary>
internal sealed class MigrationStateRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        var a = b.Annotated ? b.SameRoleAssociation : b.Associations.OrderBy(x => x.AssociationId, StringComparer.Ordinal).FirstOrDefault();
        if (a is null) yield break;
        var target = a.TargetRoleArn is null ? "" : $" → {a.TargetRoleArn}";
        // Without an annotation, pods with no credential env started before the association: a restart gives them Pod Identity.
        var onIrsa = b.Pods.Where(p => p.CredentialMode == CredentialMode.Irsa || (!b.Annotated && p.CredentialMode == CredentialMode.None)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name).ToList();
        // A CronJob's next run is its first on Pod Identity: until a pod of it ran so, the cut-over is unproven.
        var awaiting = b.Workloads.Where(w => w.Kind == WorkloadKind.CronJob
                && !b.Pods.Any(p => p.OwnerKind == WorkloadKind.CronJob && p.OwnerName == w.Name && p.CredentialMode == CredentialMode.PodIdentity))
            .Select(w => $"{w.Namespace}/{w.Name}").Order(StringComparer.Ordinal).ToList();
        if (b.RunsOnPodIdentity && (b.Pods.Count > 0 || !b.Annotated) && awaiting.Count > 0)
        {
            if (!b.PodIdentityHealthy) yield break;
            yield return new Finding(ReasonCodes.CronJobRunPending,
                "Association exists; a CronJob has not yet run a pod on Pod Identity",
                $"association {a.AssociationId} maps {b.Key.Display} to {a.RoleArn}{target}; no pod of CronJob(s) {BindingContext.List(awaiting)} has run on Pod Identity yet",
                "Wait for (or trigger) the CronJob's next run, then re-run the inventory and re-run the migration phase to verify it.");
        }
        else if (b.RunsOnPodIdentity && (b.Pods.Count > 0 || !b.Annotated))
        {
            if (!b.PodIdentityHealthy) yield break;
            var pods = b.Pods.Count > 0
                ? $"all {b.Pods.Count} pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI"
                : "no running pods, and without the IRSA annotation every new pod gets Pod Identity";
            yield return new Finding(ReasonCodes.Migrated,
                "Already on EKS Pod Identity",
                $"association {a.AssociationId} maps {b.Key.Display} to {a.RoleArn}{target}; the role's trust admits pods.eks.amazonaws.com for its session tags; {pods}",
                b.Annotated
                    ? "After the soak, remove the role-arn annotation and this cluster's OIDC subject from the trust policy."
                    : "Nothing to migrate; keep the association and the role's pods.eks.amazonaws.com trust as they are.");
        }
        else if (onIrsa.Count > 0)
        {
            yield return new Finding(ReasonCodes.RestartPending,
                "Association exists; pods still run without Pod Identity until restarted",
                $"association {a.AssociationId} maps {b.Key.Display} to {a.RoleArn}; {onIrsa.Count} of {b.Pods.Count} pods still carry IRSA env: {BindingContext.List(onIrsa)}",
                "Restart the workloads so new pods get the Pod Identity env, then verify.");
        }
    }
}
