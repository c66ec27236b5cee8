namespace Migrator.Core.Planning;

public enum StepKind
{
    /// <summary>eks-pod-identity-agent add-on installed and ACTIVE (created when missing).</summary>
    EnsurePodIdentityAgent,
    /// <summary>pods.eks.amazonaws.com statement scoped to this phase's bindings of one role.</summary>
    AddPodIdentityTrust,
    CreateAssociation,
    /// <summary>Add-on-owned ServiceAccount: UpdateAddon podIdentityAssociations instead of CreatePodIdentityAssociation.</summary>
    UpdateAddonAssociation,
    /// <summary>kubectl rollout restart of a Deployment, StatefulSet or DaemonSet.</summary>
    RestartWorkload,
    /// <summary>Bare Pod, Job or CronJob: the tool cannot recreate it safely; reported for a human.</summary>
    ManualRestart,
    /// <summary>Rollout complete; new pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI and not AWS_ROLE_ARN.</summary>
    VerifyPodIdentity,
    RemoveIrsaAnnotations,
    /// <summary>This cluster's issuer + this ServiceAccount's subject, never another cluster's or SA's.</summary>
    RemoveIrsaTrustSubject,
    /// <summary>Change-set mode (issue 16): the Pod Identity trust written for the role's owner to apply, then awaited.</summary>
    PodIdentityTrustChangeSet,
    /// <summary>Change-set mode: the association written for the role's owner (Terraform, eksctl, CloudFormation), then awaited.</summary>
    AssociationChangeSet,
    /// <summary>Change-set mode: the annotations' removal written for the ServiceAccount's owner (Helm, Argo CD, Flux), then awaited.</summary>
    AnnotationsChangeSet,
    /// <summary>Change-set mode: the trust without this binding's IRSA subject written for the role's owner, then awaited.</summary>
    TrustSubjectChangeSet,
}
