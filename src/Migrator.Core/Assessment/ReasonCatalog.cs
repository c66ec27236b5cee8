namespace Migrator.Core.Assessment;

/// <summary>Every binding reason code with its category, severity and default weight (docs/assessment.md lists them).</summary>
public static class ReasonCatalog
{
    private static readonly ReasonDefinition[] Definitions =
    [
        new(ReasonCodes.RoleMissing, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The annotated role does not exist"),
        new(ReasonCodes.OidcProviderMissing, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "No IAM OIDC provider for the cluster's issuer in the role's account"),
        new(ReasonCodes.AudienceMismatch, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "Token audience is not accepted by the provider or the trust policy"),
        new(ReasonCodes.TrustDenies, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The role's trust policy does not admit this ServiceAccount"),
        new(ReasonCodes.MalformedAnnotation, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The role-arn annotation is not a valid IAM role ARN"),
        new(ReasonCodes.AssociationOtherRole, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "A Pod Identity association names a different role"),
        new(ReasonCodes.StalePodEnv, BindingCategory.Broken, ReasonSeverity.Blocker, 80, "Running pods carry credentials that do not match the annotation"),
        new(ReasonCodes.PodIdentityRoleMissing, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The association's role does not exist"),
        new(ReasonCodes.PodIdentityTrustDenies, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The association's role does not trust EKS Pod Identity for this ServiceAccount"),
        new(ReasonCodes.PodIdentitySessionTagsDisabled, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The association disables session tags but the role's trust needs them"),
        new(ReasonCodes.PodIdentityTargetRole, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The association's targetRoleArn chain is broken"),
        new(ReasonCodes.PodIdentityCrossAccountRole, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The association's role is in another account and no targetRoleArn chains to it"),
        new(ReasonCodes.PodIdentityAgentInactive, BindingCategory.Broken, ReasonSeverity.Blocker, 100, "The Pod Identity agent is not active on a cluster with associations"),
        new(ReasonCodes.PodIdentityUnsupportedCompute, BindingCategory.Broken, ReasonSeverity.Blocker, 80, "Pods with an association run where EKS Pod Identity does not work"),

        new(ReasonCodes.CrossAccount, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 70, "The role is in another account than the cluster"),
        new(ReasonCodes.ExternalFederation, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 60, "The role is trusted by OIDC issuers outside the migration"),
        new(ReasonCodes.Fargate, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 80, "Pods run on Fargate"),
        new(ReasonCodes.Windows, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 80, "Pods run on Windows nodes"),
        new(ReasonCodes.Hybrid, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 80, "Pods run on hybrid nodes"),
        new(ReasonCodes.ClusterUnsupported, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 90, "The cluster cannot run EKS Pod Identity"),
        new(ReasonCodes.ChinaRegion, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 90, "EKS Pod Identity is not available in China regions"),
        new(ReasonCodes.AssociationQuota, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 60, "The cluster would exceed the association quota"),
        new(ReasonCodes.HardcodedWebIdentityEnv, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 60, "Workloads hard-code web-identity credentials env"),
        new(ReasonCodes.TrustPolicyOverQuota, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 70, "The trust policy is larger than IAM accepts: it cannot be rewritten"),
        new(ReasonCodes.OldSdk, BindingCategory.KeepIrsa, ReasonSeverity.Blocker, 50, "Images match a known-old AWS SDK pattern"),

        new(ReasonCodes.NoWorkloads, BindingCategory.Unused, ReasonSeverity.Warning, 50, "No pods or workloads use the ServiceAccount"),
        new(ReasonCodes.NoRecentUse, BindingCategory.Unused, ReasonSeverity.Warning, 40, "No recorded use of the identity's credentials in the window (CloudTrail, RoleLastUsed)"),

        new(ReasonCodes.SharedRole, BindingCategory.Coordinate, ReasonSeverity.Warning, 15, "The role is shared with other ServiceAccounts of the cluster"),
        new(ReasonCodes.MultiCluster, BindingCategory.Coordinate, ReasonSeverity.Warning, 20, "The role is used by bindings in other clusters"),
        new(ReasonCodes.ExternalFederationRoleKeepsIrsa, BindingCategory.Coordinate, ReasonSeverity.Warning, 15, "The role keeps IRSA trust for issuers outside the migration"),
        new(ReasonCodes.CrossAccountTargetRole, BindingCategory.Coordinate, ReasonSeverity.Warning, 25, "Cross-account role: migrate through targetRoleArn role chaining"),
        new(ReasonCodes.AddonOwned, null, ReasonSeverity.Warning, 10, "Owned by an EKS add-on: migrate through the add-on API"),

        new(ReasonCodes.Migrated, BindingCategory.Migrated, ReasonSeverity.Info, 0, "Already on EKS Pod Identity"),

        new(ReasonCodes.CleanupIrsaAnnotation, null, ReasonSeverity.Info, 0, "IRSA annotation left on a ServiceAccount that runs on Pod Identity"),
        new(ReasonCodes.CleanupIrsaTrustSubject, null, ReasonSeverity.Info, 0, "The role still trusts this ServiceAccount through the cluster's OIDC provider"),
        new(ReasonCodes.CleanupAddonRoleArn, null, ReasonSeverity.Info, 0, "The add-on still names an IRSA role (serviceAccountRoleArn)"),

        new(ReasonCodes.AgentMissing, null, ReasonSeverity.Info, 5, "The Pod Identity agent is not installed or not active"),
        new(ReasonCodes.RestartPending, null, ReasonSeverity.Info, 5, "Association exists; pods still run with IRSA until restarted"),
        new(ReasonCodes.CronJobRunPending, null, ReasonSeverity.Info, 5, "Association exists; a CronJob has not yet run a pod on Pod Identity"),
        new(ReasonCodes.RoleLookupFailed, BindingCategory.Unassessed, ReasonSeverity.Blocker, 100, "The role could not be read (GetRole failed); not planned until it is"),
        new(ReasonCodes.RoleUnreadable, null, ReasonSeverity.Warning, 10, "The role could not be read"),
        new(ReasonCodes.TrustUnparsed, null, ReasonSeverity.Warning, 10, "The trust policy could not be parsed"),
        new(ReasonCodes.ClusterVersionUnknown, null, ReasonSeverity.Warning, 10, "The cluster's Kubernetes or platform version is unknown"),
        new(ReasonCodes.ClusterPartial, null, ReasonSeverity.Warning, 10, "The cluster was collected partially"),
        new(ReasonCodes.RoleOwner, null, ReasonSeverity.Info, 0, "The role is managed by infrastructure as code"),
        new(ReasonCodes.ServiceAccountOwner, null, ReasonSeverity.Info, 0, "The ServiceAccount is managed by a deployment tool"),
    ];

    private static readonly Dictionary<string, ReasonDefinition> ByCode = Definitions.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static IReadOnlyList<ReasonDefinition> All => Definitions;

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static ReasonDefinition Get(string code) =>
        ByCode.TryGetValue(code, out var d) ? d : throw new ArgumentException($"unknown reason code '{code}'", nameof(code));
}
