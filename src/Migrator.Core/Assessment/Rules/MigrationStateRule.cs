using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// An association to the same role plus pods carrying the container-credential env means the binding already runs on
/// Pod Identity (webhook precedence, DOMAIN.md); pods still on IRSA next to such an association wait for a restart.
/// </summary>
internal sealed class MigrationStateRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.SameRoleAssociation is not { } a || b.Pods.Count == 0) yield break;
        var onPodIdentity = b.Pods.Count(p => p.CredentialMode == CredentialMode.PodIdentity);
        var onIrsa = b.Pods.Where(p => p.CredentialMode == CredentialMode.Irsa).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name).ToList();
        // A CronJob's next run is its first on Pod Identity: until a pod of it ran so, the cut-over is unproven.
        var awaiting = b.Workloads.Where(w => w.Kind == WorkloadKind.CronJob
                && !b.Pods.Any(p => p.OwnerKind == WorkloadKind.CronJob && p.OwnerName == w.Name && p.CredentialMode == CredentialMode.PodIdentity))
            .Select(w => $"{w.Namespace}/{w.Name}").Order(StringComparer.Ordinal).ToList();
        if (onPodIdentity == b.Pods.Count && awaiting.Count > 0)
        {
            yield return new Finding(ReasonCodes.CronJobRunPending,
                "Association exists; a CronJob has not yet run a pod on Pod Identity",
                $"association {a.AssociationId} maps {b.Key.Display} to {a.RoleArn}; no pod of CronJob(s) {BindingContext.List(awaiting)} has run on Pod Identity yet",
                "Wait for (or trigger) the CronJob's next run, then re-run the inventory and re-run the migration phase to verify it.");
        }
        else if (onPodIdentity == b.Pods.Count)
        {
            yield return new Finding(ReasonCodes.Migrated,
                "Already on EKS Pod Identity",
                $"association {a.AssociationId} maps {b.Key.Display} to {a.RoleArn}{(a.TargetRoleArn is null ? "" : $" → {a.TargetRoleArn}")}; all {b.Pods.Count} pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "After the soak, remove the role-arn annotation and this cluster's OIDC subject from the trust policy.");
        }
        else if (onIrsa.Count > 0)
        {
            yield return new Finding(ReasonCodes.RestartPending,
                "Association exists; pods still run with IRSA until restarted",
                $"association {a.AssociationId} maps {b.Key.Display} to {a.RoleArn}; {onIrsa.Count} of {b.Pods.Count} pods still carry IRSA env: {BindingContext.List(onIrsa)}",
                "Restart the workloads so new pods get the Pod Identity env, then verify.");
        }
    }
}
