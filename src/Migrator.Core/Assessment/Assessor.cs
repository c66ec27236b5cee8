using Migrator.Core.Assessment.Roles;
using Migrator.Core.Assessment.Rules;
using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>
/// Assesses every IRSA binding of a snapshot (pure). Each rule adds explained reasons; the category follows from the
/// most severe reason (<see cref="CategoryPrecedence"/>); the score is 100 minus the weights of the reasons, clamped to 0..100.
/// Ordering is stable: bindings by cluster key, namespace, ServiceAccount; reasons by severity (highest first) then code.
/// </summary>
public static partial class Assessor
{
    internal static AssessmentResult Assess(InventorySnapshot snapshot, AssessmentSettings settings, DateTimeOffset assessedAt, ITrustReader trustReader)
    {
        var estate = new EstateIndex(snapshot, trustReader);
        var rules = Rules(settings);
        var bindings = estate.Bindings
            .OrderBy(s => s.Cluster.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Namespace, StringComparer.Ordinal)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => AssessBinding(Context(s, estate, settings), rules, settings))
            .ToList();
        return new AssessmentResult
        {
            RunId = snapshot.RunId,
            AssessedAt = assessedAt,
            Bindings = bindings,
            RoleFindings = RoleFindings.Of(estate).ToList(),
        };
    }

    /// <summary>Rule order does not matter: reasons are sorted afterwards.</summary>
    internal static IReadOnlyList<IAssessmentRule> Rules(AssessmentSettings settings) =>
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
        new HardcodedEnvRule(),
        OldSdkRule.From(settings),
        new NoWorkloadsRule(),
        new SharedRoleRule(),
        new AddonOwnedRule(),
        new AgentRule(),
        new MigrationStateRule(),
        new ClusterPartialRule(),
    ];

    private static BindingContext Context(ServiceAccountRecord sa, EstateIndex estate, AssessmentSettings settings)
    {
        _ = RoleArn.TryParse(sa.RoleArn!, out var arn, out var problem);
        var role = arn is null ? null : estate.Role(arn);
        return new BindingContext
        {
            ServiceAccount = sa,
            Estate = estate,
            Settings = settings,
            Arn = arn,
            ArnProblem = problem,
            Cluster = estate.Clusters.GetValueOrDefault(sa.Cluster),
            Role = role,
            Trust = estate.TrustOf(role),
            Pods = estate.PodsOf(sa.Key),
            Workloads = estate.WorkloadsOf(sa.Key),
            Associations = estate.AssociationsOf(sa.Key),
        };
    }

    private static BindingAssessment AssessBinding(BindingContext b, IReadOnlyList<IAssessmentRule> rules, AssessmentSettings settings)
    {
        var reasons = rules.SelectMany(r => r.Evaluate(b))
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
        return new BindingAssessment
        {
            Key = b.Key,
            RoleArn = b.RawRoleArn,
            Category = category,
            Score = score,
            Reasons = reasons,
            CoordinationGroup = coordinated ? b.Arn!.Value : null,
            OwningAddon = owningAddon,
            PodCount = b.Pods.Count,
            Workloads = b.Workloads.OrderBy(w => w.Kind).ThenBy(w => w.Name, StringComparer.Ordinal)
                .Select(w => new WorkloadRef(w.Kind, w.Namespace, w.Name)).ToList(),
            // Add-on bindings move through UpdateAddon, a different path: never the canary.
            CanaryCandidate = category == BindingCategory.Ready && score >= settings.CanaryMinimumScore && owningAddon is null,
        };
    }
}
