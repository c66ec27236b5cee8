namespace Migrator.Core.Assessment;

/// <summary>
/// Stable reason codes. The prefix names the category a reason pulls a binding towards (see <see cref="ReasonCatalog"/>):
/// broken.* → Broken, keep.* → KeepIrsa, unused.* → Unused, coordinate.* → Coordinate, migrated.* → Migrated;
/// addon.* and info.* have no category effect (addon.owned flags the migration path: BindingAssessment.OwningAddon).
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

    public const string SharedRole = "coordinate.shared-role";
    public const string MultiCluster = "coordinate.multi-cluster";
    public const string ExternalFederationRoleKeepsIrsa = "coordinate.external-federation";
    public const string CrossAccountTargetRole = "coordinate.cross-account-target-role";
    public const string AddonOwned = "addon.owned";

    public const string Migrated = "migrated.pod-identity-active";

    public const string AgentMissing = "info.agent-missing";
    public const string RestartPending = "info.restart-pending";
    public const string CronJobRunPending = "info.cronjob-run-pending";
    public const string RoleUnreadable = "info.role-unreadable";
    public const string TrustUnparsed = "info.trust-unparsed";
    public const string ClusterVersionUnknown = "info.cluster-version-unknown";
    public const string ClusterPartial = "info.cluster-partial";

    // Role view (RoleFinding.Code).
    public const string RoleShared = "role.shared";
    public const string RoleMultiCluster = "role.multi-cluster";
    public const string SecurityAnySubject = "security.any-subject";
    public const string SecurityWildcardSubject = "security.wildcard-subject";
    public const string SecurityMissingAudience = "security.missing-audience";
}
