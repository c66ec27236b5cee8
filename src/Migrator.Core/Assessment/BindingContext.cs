using Migrator.Core.Assessment.Rules;
using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>Everything the rules look at for one workload identity, resolved once.</summary>
internal sealed class BindingContext
{
    private IReadOnlyList<Finding>? _podIdentityAudit;
    private string? _issuer;
    private bool _issuerKnown;
    private IReadOnlyList<Finding>? _leftovers;

    public required WorkloadIdentity Identity { get; init; }
    /// <summary>The ServiceAccount; a placeholder without annotations when an association names one the cluster lacks.</summary>
    public required ServiceAccountRecord ServiceAccount { get; init; }
    public required EstateIndex Estate { get; init; }
    public required AssessmentSettings Settings { get; init; }
    /// <summary>The annotated role; null when the annotation is malformed (then <see cref="ArnProblem"/> says why) or absent.</summary>
    public RoleArn? Arn { get; init; }
    public string ArnProblem { get; init; } = "";
    public ClusterInventory? Cluster { get; init; }
    public RoleRecord? Role { get; init; }
    public TrustRead? Trust { get; init; }
    public IReadOnlyList<PodRecord> Pods { get; init; } = [];
    public IReadOnlyList<WorkloadRecord> Workloads { get; init; } = [];
    public IReadOnlyList<AssociationRecord> Associations { get; init; } = [];

    public BindingKey Key => Identity.Key;
    /// <summary>Whether the ServiceAccount carries the IRSA role-arn annotation.</summary>
    public bool Annotated => Identity.HasIrsaAnnotation;
    public string RawRoleArn => ServiceAccount.RoleArn ?? "";
    /// <summary>Annotation audience, default sts.amazonaws.com (pod identity webhook).</summary>
    public string Audience => ServiceAccount.Annotations.TryGetValue(ServiceAccountRecord.AudienceAnnotation, out var a) && a.Length > 0 ? a : "sts.amazonaws.com";
    /// <summary>The cluster's issuer as host/path, normalized once: rules compare it with every provider and trust subject.</summary>
    public string? Issuer
    {
        get
        {
            if (!_issuerKnown)
                (_issuer, _issuerKnown) = (Cluster?.OidcIssuer is { } i ? Issuers.Normalize(i) : null, true);
            return _issuer;
        }
    }
    public IRoleTrust? RoleTrust => Trust?.Trust;
    public bool HasWorkloads => Pods.Count > 0 || Workloads.Count > 0;

    /// <summary>An association of this SA to the annotated role (directly or as targetRoleArn).</summary>
    public AssociationRecord? SameRoleAssociation =>
        Arn is null ? null : Associations.FirstOrDefault(a => EstateIndex.AssociationUsesRole(a, Arn.Value));

    /// <summary>
    /// An association exists and every running pod carries the Pod Identity env (webhook precedence, DOMAIN.md): the
    /// IRSA annotation, if any, no longer gives these pods their credentials. True with no pods: new pods get Pod Identity.
    /// </summary>
    public bool RunsOnPodIdentity => Associations.Count > 0 && Pods.All(p => p.CredentialMode == CredentialMode.PodIdentity);

    /// <summary>The Pod Identity health audit of every association (<see cref="PodIdentityAuditRule"/>), run once.</summary>
    public IReadOnlyList<Finding> PodIdentityAudit => _podIdentityAudit ??= PodIdentityAuditRule.Audit(this).ToList();

    /// <summary>Every association passes the Pod Identity health audit (no broken.* finding, no role left unread).</summary>
    public bool PodIdentityHealthy => Associations.Count > 0
        && PodIdentityAudit.All(f => ReasonCatalog.Get(f.Code).Category is not (BindingCategory.Broken or BindingCategory.Unassessed));

    /// <summary>The IRSA leftovers of an identity on Pod Identity (<see cref="IrsaLeftovers"/>), found once.</summary>
    public IReadOnlyList<Finding> Leftovers => _leftovers ??= IrsaLeftovers.Of(this).ToList();

    public IdentityLifecycle Lifecycle => Lifecycles.Of(this);

    public static string Describe(ClusterRef c) => $"cluster {c.Name} (account {c.AccountId}, {c.Region})";

    /// <summary>How many items <see cref="List(IEnumerable{string}, int)"/> names before "and N more".</summary>
    public const int ListMax = 5;

    public static string List(IEnumerable<string> items, int max = ListMax)
    {
        var all = items.ToList();
        return List(all.Take(max).ToList(), all.Count, max);
    }

    /// <summary>As <see cref="List(IEnumerable{string}, int)"/> from the first <paramref name="max"/> items and the count of all.</summary>
    public static string List(IReadOnlyList<string> first, int total, int max = ListMax) =>
        total <= max ? string.Join(", ", first) : string.Join(", ", first.Take(max)) + $" and {total - max} more";
}
