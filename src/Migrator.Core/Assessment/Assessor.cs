using Migrator.Core.Assessment.Roles;
using Migrator.Core.Assessment.Rules;
using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// Assesses every workload identity of a snapshot (pure): ServiceAccounts with an IRSA annotation, a Pod Identity
/// association, or both (<see cref="WorkloadIdentity"/>). IRSA rules judge annotated identities; identity rules, the
/// Pod Identity health audit among them, judge all. Each rule adds explained reasons; the category follows from the
/// most severe reason (<see cref="CategoryPrecedence"/>); the score is 100 minus the weights of the reasons, clamped to 0..100.
/// Ordering is stable: identities by cluster key, namespace, ServiceAccount; reasons by severity (highest first) then code.
/// </summary>
public static partial class Assessor
{
    internal static AssessmentResult Assess(InventorySnapshot snapshot, AssessmentSettings settings, DateTimeOffset assessedAt, ITrustReader trustReader)
    {
        var estate = new ChunkedAssessment(EstateFacts.Of(snapshot), settings, trustReader);
        return new AssessmentResult
        {
            RunId = snapshot.RunId,
            AssessedAt = assessedAt,
            Bindings = estate.AssessPart(ClusterPart.Whole(snapshot)),
            RoleFindings = estate.RoleFindings(),
        };
    }

    /// <summary>The bindings of one part, in key order, against the estate-wide lookups.</summary>
    internal static List<BindingAssessment> AssessPart(EstateWide wide, ClusterPart part, AssessmentSettings settings) =>
        AssessPart(wide, part, settings, IrsaRules(settings), IdentityRules());

    /// <summary>As above with the rules made once for every part.</summary>
    internal static List<BindingAssessment> AssessPart(EstateWide wide, ClusterPart part, AssessmentSettings settings,
        IReadOnlyList<IAssessmentRule> irsaRules, IReadOnlyList<IAssessmentRule> identityRules)
    {
        wide.UseTrustPolicies(part.TrustPolicies);
        var estate = new EstateIndex(wide, part);
        var assessed = estate.Identities
            .Select(i => AssessBinding(Context(i, estate, settings), irsaRules, identityRules, settings))
            .ToList();
        // Trust is read for the identities judged: the last of their clusters is where this part ends.
        if (estate.Identities.Select(i => i.Key.Cluster.Key).Max(StringComparer.Ordinal) is { } last)
            wide.PartAssessed(last);
        return assessed;
    }

    /// <summary>Every rule; rule order does not matter: reasons are sorted afterwards.</summary>
    internal static IReadOnlyList<IAssessmentRule> Rules(AssessmentSettings settings) => [.. IrsaRules(settings), .. IdentityRules()];

    /// <summary>Rules about the IRSA binding and its move: they judge annotated identities only.</summary>
    internal static IReadOnlyList<IAssessmentRule> IrsaRules(AssessmentSettings settings) =>
    [
        new MalformedAnnotationRule(),
        new RoleMissingRule(),
        new OidcProviderMissingRule(),
        new AudienceMismatchRule(),
        new TrustDeniesRule(),
        new AssociationOtherRoleRule(),
        new StalePodEnvRule(),
        new CrossAccountRule(),
        new ExternalFederationRule(),
        new UnsupportedPlacementRule(Placement.Fargate, ReasonCodes.Fargate, "Fargate"),
        new UnsupportedPlacementRule(Placement.Windows, ReasonCodes.Windows, "Windows nodes"),
        new UnsupportedPlacementRule(Placement.Hybrid, ReasonCodes.Hybrid, "hybrid nodes"),
        new ClusterSupportRule(),
        new ChinaRegionRule(),
        new AssociationQuotaRule(),
        new TrustPolicySizeRule(),
        new HardcodedEnvRule(),
        OldSdkRule.From(settings),
        new SharedRoleRule(),
        new AgentRule(),
    ];

    /// <summary>Rules about any identity, annotated or not: its use, owner, Pod Identity health, state and leftovers.</summary>
    internal static IReadOnlyList<IAssessmentRule> IdentityRules() =>
    [
        new NoWorkloadsRule(),
        new NoRecentUseRule(),
        new AddonOwnedRule(),
        new ManagedByOwnerRule(),
        new PodIdentityAuditRule(),
        new MigrationStateRule(),
        new CleanupItemsRule(),
        new ClusterPartialRule(),
    ];

    /// <summary>
    /// Reasons about the IRSA path itself. On an identity whose pods run on Pod Identity the annotation is a leftover:
    /// these become the cleanup item, never Broken (an add-on moved through UpdateAddon keeps its annotation).
    /// </summary>
    private static readonly HashSet<string> IrsaPathCodes = new(StringComparer.Ordinal)
    {
        ReasonCodes.MalformedAnnotation, ReasonCodes.RoleMissing, ReasonCodes.OidcProviderMissing,
        ReasonCodes.AudienceMismatch, ReasonCodes.TrustDenies, ReasonCodes.StalePodEnv,
    };

    private static BindingContext Context(WorkloadIdentity identity, EstateIndex estate, AssessmentSettings settings)
    {
        RoleArn? arn = null;
        var problem = "";
        if (identity.AnnotatedRoleArn is { } annotated)
            _ = RoleArn.TryParse(annotated, out arn, out problem);
        var role = arn is null ? null : estate.Role(arn);
        var key = identity.Key;
        return new BindingContext
        {
            Identity = identity,
            ServiceAccount = identity.ServiceAccount ?? new ServiceAccountRecord { Cluster = key.Cluster, Namespace = key.Namespace, Name = key.ServiceAccount },
            Estate = estate,
            Settings = settings,
            Arn = arn,
            ArnProblem = problem,
            Cluster = estate.Clusters.GetValueOrDefault(key.Cluster),
            Role = role,
            Trust = estate.TrustOf(role),
            Pods = estate.PodsOf(key),
            Workloads = estate.WorkloadsOf(key),
            Associations = identity.Associations,
        };
    }

    private static BindingAssessment AssessBinding(BindingContext b, IReadOnlyList<IAssessmentRule> irsaRules, IReadOnlyList<IAssessmentRule> identityRules, AssessmentSettings settings)
    {
        var irsa = b.Annotated ? irsaRules.SelectMany(r => r.Evaluate(b)) : [];
        if (b.RunsOnPodIdentity)
            irsa = irsa.Where(f => !IrsaPathCodes.Contains(f.Code));
        var reasons = irsa.Concat(identityRules.SelectMany(r => r.Evaluate(b)))
            .Select(f =>
            {
                var def = ReasonCatalog.Get(f.Code);
                return new AssessmentReason(f.Code, def.Severity, f.Summary, f.Evidence, f.SuggestedAction, settings.WeightOf(f.Code));
            })
            .OrderByDescending(r => r.Severity)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ThenBy(r => r.Evidence, StringComparer.Ordinal)
            .ToList();
        var category = CategoryPrecedence.Resolve(reasons.Select(r => r.Code));
        var score = Math.Clamp(100 - reasons.Sum(r => r.ScoreImpact), 0, 100);
        var owningAddon = AddonOwnedRule.OwningAddon(b)?.Name;
        var coordinated = reasons.Any(r => r.Code is ReasonCodes.SharedRole or ReasonCodes.MultiCluster);
        var association = b.SameRoleAssociation ?? b.Associations.OrderBy(a => a.AssociationId, StringComparer.Ordinal).FirstOrDefault();
        return new BindingAssessment
        {
            Key = b.Key,
            RoleArn = b.Annotated ? b.RawRoleArn : association!.RoleArn,
            IrsaAnnotated = b.Annotated,
            AssociationRoleArn = association?.RoleArn,
            Lifecycle = b.Lifecycle,
            Category = category,
            Score = score,
            Reasons = reasons,
            CoordinationGroup = coordinated ? b.Arn!.Value : null,
            OwningAddon = owningAddon,
            PodCount = b.Pods.Count,
            Workloads = b.Workloads.OrderBy(w => w.Kind).ThenBy(w => w.Name, StringComparer.Ordinal)
                .Select(w => new WorkloadRef(w.Kind, w.Namespace, w.Name)).ToList(),
            // Add-on bindings move through UpdateAddon, a different path: never the canary; nor an identity with nothing to migrate.
            CanaryCandidate = category == BindingCategory.Ready && score >= settings.CanaryMinimumScore && owningAddon is null && b.Annotated,
        };
    }
}
