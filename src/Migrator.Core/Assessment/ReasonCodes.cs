namespace Migrator.Core.Assessment;

/// <summary>
/// Stable reason codes. The prefix names the category a reason pulls a binding towards (see <see cref="ReasonCatalog"/>):
/// broken.* → Broken, keep.* → KeepIrsa, unused.* → Unused, coordinate.* → Coordinate, migrated.* → Migrated;
/// addon.*, cleanup.* and info.* have no category effect (addon.owned flags the migration path: BindingAssessment.OwningAddon).
/// </summary>
public static class ReasonCodes
{
    public const string RoleMissing = "broken.role-missing";
    public const string OidcProviderMissing = "broken.oidc-provider-missing";
    public const string AudienceMismatch = "broken.audience-mismatch";
    public const string TrustDenies = "broken.trust-denies";
    public const string MalformedAnnotation = "broken.malformed-annotation";
    public const string AssociationOtherRole = "broken.association-other-role";
    public const string StalePodEnv = "broken.stale-pod-env";

    // Pod Identity health audit (every identity with an association).
    public const string PodIdentityRoleMissing = "broken.pod-identity-role-missing";
    public const string PodIdentityTrustDenies = "broken.pod-identity-trust-denies";
    public const string PodIdentitySessionTagsDisabled = "broken.pod-identity-session-tags-disabled";
    public const string PodIdentityTargetRole = "broken.pod-identity-target-role";
    public const string PodIdentityCrossAccountRole = "broken.pod-identity-cross-account-role";
    public const string PodIdentityAgentInactive = "broken.pod-identity-agent-inactive";
    public const string PodIdentityUnsupportedCompute = "broken.pod-identity-unsupported-compute";

    public const string CrossAccount = "keep.cross-account";
    public const string ExternalFederation = "keep.external-federation";
    public const string Fargate = "keep.fargate";
    public const string Windows = "keep.windows";
    public const string Hybrid = "keep.hybrid";
    public const string ClusterUnsupported = "keep.cluster-unsupported";
    public const string ChinaRegion = "keep.china-region";
    public const string AssociationQuota = "keep.association-quota";
    public const string HardcodedWebIdentityEnv = "keep.hardcoded-web-identity-env";
    public const string OldSdk = "keep.old-sdk";

    public const string NoWorkloads = "unused.no-workloads";
    public const string NoRecentUse = "unused.no-recent-use";

    public const string SharedRole = "coordinate.shared-role";
    public const string MultiCluster = "coordinate.multi-cluster";
    public const string ExternalFederationRoleKeepsIrsa = "coordinate.external-federation";
    public const string CrossAccountTargetRole = "coordinate.cross-account-target-role";
    public const string AddonOwned = "addon.owned";

    public const string Migrated = "migrated.pod-identity-active";

    // IRSA leftovers of an identity on Pod Identity (lifecycle CleanupPending): no category effect.
    public const string CleanupIrsaAnnotation = "cleanup.irsa-annotation";
    public const string CleanupIrsaTrustSubject = "cleanup.irsa-trust-subject";
    public const string CleanupAddonRoleArn = "cleanup.addon-role-arn";

    public const string AgentMissing = "info.agent-missing";
    public const string RestartPending = "info.restart-pending";
    public const string CronJobRunPending = "info.cronjob-run-pending";
    public const string RoleUnreadable = "info.role-unreadable";
    /// <summary>IAM GetRole failed for the role (transiently or denied): category Unassessed, never planned.</summary>
    public const string RoleLookupFailed = "unassessed.role-lookup-failed";
    /// <summary>The role's trust policy is over Assessment:TrustPolicySizeQuota: IAM would refuse any rewrite of it.</summary>
    public const string TrustPolicyOverQuota = "keep.trust-policy-over-quota";
    public const string TrustUnparsed = "info.trust-unparsed";
    public const string ClusterVersionUnknown = "info.cluster-version-unknown";
    public const string ClusterPartial = "info.cluster-partial";
    // Owners (issue 16): what manages the role or the ServiceAccount; no category effect, it decides the execution mode.
    public const string RoleOwner = "info.role-owner";
    public const string ServiceAccountOwner = "info.service-account-owner";

    // Role view (RoleFinding.Code).
    public const string RoleShared = "role.shared";
    public const string RoleMultiCluster = "role.multi-cluster";
    public const string SecurityAnySubject = "security.any-subject";
    public const string SecurityWildcardSubject = "security.wildcard-subject";
    public const string SecurityMissingAudience = "security.missing-audience";
}
