using Migrator.Core.Assessment;

namespace Migrator.Sandbox;

/// <summary>A situation the generator planted on a binding on purpose, so tests can check that the assessment finds it.</summary>
public enum SeededCondition
{
    /// <summary>One SA, one cluster, a role trusting exactly it.</summary>
    SimpleIrsa,
    /// <summary>The role is used by several ServiceAccounts.</summary>
    SharedRole,
    /// <summary>The role trusts several clusters' OIDC providers (one statement each).</summary>
    MultiClusterTrust,
    /// <summary>The role also trusts GitHub Actions (token.actions.githubusercontent.com): federation outside the migration.</summary>
    GitHubActionsTrust,
    /// <summary>The role lives in another account than the cluster.</summary>
    CrossAccountRole,
    /// <summary>The trust allows system:serviceaccount:NS:* with StringLike.</summary>
    NamespaceWildcardTrust,
    FargateWorkload,
    WindowsWorkload,
    HybridWorkload,
    /// <summary>Annotated, but no workload or pod uses the ServiceAccount.</summary>
    UnusedServiceAccount,
    /// <summary>The ServiceAccount belongs to an EKS add-on (aws-ebs-csi-driver, vpc-cni) with serviceAccountRoleArn.</summary>
    AddonRole,
    /// <summary>The role's account has no IAM OIDC provider for the cluster's issuer.</summary>
    OidcProviderMissing,
    /// <summary>The SA asks for an audience the provider and trust do not accept.</summary>
    WrongAudience,
    /// <summary>The trust names another namespace/ServiceAccount.</summary>
    SubjectMismatch,
    /// <summary>The role-arn annotation is not a valid role ARN.</summary>
    MalformedAnnotation,
    /// <summary>The annotated role does not exist.</summary>
    RoleMissing,
    /// <summary>A Pod Identity association to the same role already exists (and the role trusts pods.eks).</summary>
    ExistingAssociationSameRole,
    /// <summary>A Pod Identity association to a different role exists: new pods get that role, not the annotated one.</summary>
    ExistingAssociationDifferentRole,
    /// <summary>Kubernetes 1.23: Pod Identity needs 1.24 or later.</summary>
    ClusterVersionUnsupported,
    /// <summary>Kubernetes 1.28 on eks.3, below the eks.4 minimum for Pod Identity.</summary>
    PlatformVersionBelowMinimum,
    /// <summary>China region (aws-cn): Pod Identity is not available.</summary>
    ChinaRegion,
    /// <summary>The cluster has no eks-pod-identity-agent add-on (the migration must install it).</summary>
    AgentAddonMissing,
    /// <summary>EKS Auto Mode cluster: the agent is built in.</summary>
    AutoModeCluster,
    /// <summary>Pods started before the annotation was added: they run without the IRSA env (node role fallback).</summary>
    StalePods,
    /// <summary>The pod template hard-codes AWS_ROLE_ARN/AWS_WEB_IDENTITY_TOKEN_FILE, which win over Pod Identity in the SDK chain.</summary>
    HardCodedWebIdentityEnv,
    /// <summary>No IRSA annotation: an association to a role whose trust admits Pod Identity for it, pods on Pod Identity.</summary>
    PodIdentityOnly,
    /// <summary>An association whose role's trust has no pods.eks.amazonaws.com statement.</summary>
    PodIdentityTrustMissing,
    /// <summary>An association with disableSessionTags to a role whose pods.eks statement is scoped by session tags.</summary>
    SessionTagsDisabledUnderTagTrust,
    /// <summary>An association with a targetRoleArn whose role does not trust the source role.</summary>
    TargetRoleChainBroken,
}

/// <summary>A binding (ACCOUNT/REGION/CLUSTER/NAMESPACE/SERVICEACCOUNT, as BindingKey.ToString()) and a condition planted on it.</summary>
public sealed record SeededBinding(string BindingKey, SeededCondition Condition)
{
    /// <summary>The category the assessment should give a binding that has this condition alone (DOMAIN.md).</summary>
    public BindingCategory ExpectedCategory => ExpectedCategoryOf(Condition);

    /// <summary>The broken.* reason the Pod Identity health audit gives a planted Pod Identity failure; null for other conditions.</summary>
    public static string? ExpectedPodIdentityReason(SeededCondition condition) => condition switch
    {
        SeededCondition.PodIdentityTrustMissing => ReasonCodes.PodIdentityTrustDenies,
        SeededCondition.SessionTagsDisabledUnderTagTrust => ReasonCodes.PodIdentitySessionTagsDisabled,
        SeededCondition.TargetRoleChainBroken => ReasonCodes.PodIdentityTargetRole,
        _ => null,
    };

    public static BindingCategory ExpectedCategoryOf(SeededCondition condition) => condition switch
    {
        SeededCondition.SharedRole or SeededCondition.MultiClusterTrust => BindingCategory.Coordinate,
        SeededCondition.GitHubActionsTrust or SeededCondition.CrossAccountRole or SeededCondition.FargateWorkload
            or SeededCondition.WindowsWorkload or SeededCondition.HybridWorkload or SeededCondition.ClusterVersionUnsupported
            or SeededCondition.PlatformVersionBelowMinimum or SeededCondition.ChinaRegion or SeededCondition.HardCodedWebIdentityEnv => BindingCategory.KeepIrsa,
        SeededCondition.UnusedServiceAccount => BindingCategory.Unused,
        SeededCondition.OidcProviderMissing or SeededCondition.WrongAudience or SeededCondition.SubjectMismatch
            or SeededCondition.MalformedAnnotation or SeededCondition.RoleMissing or SeededCondition.ExistingAssociationDifferentRole
            or SeededCondition.PodIdentityTrustMissing or SeededCondition.SessionTagsDisabledUnderTagTrust or SeededCondition.TargetRoleChainBroken => BindingCategory.Broken,
        SeededCondition.ExistingAssociationSameRole or SeededCondition.PodIdentityOnly => BindingCategory.Migrated,
        _ => BindingCategory.Ready,
    };
}

/// <summary>A generated estate and, on the side (never in the file), what was planted in it.</summary>
public sealed record GeneratedEstate(Estate Estate, IReadOnlyList<SeededBinding> Seeds)
{
    /// <summary>Roles made for application ServiceAccounts' IRSA: what <see cref="GeneratorOptions.Roles"/> aims at.</summary>
    public int ApplicationRoles { get; init; }
}
