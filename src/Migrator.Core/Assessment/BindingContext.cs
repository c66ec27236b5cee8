using Migrator.Core.Assessment.TrustSeam;
using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>Everything the rules look at for one binding, resolved once.</summary>
internal sealed class BindingContext
{
    public required ServiceAccountRecord ServiceAccount { get; init; }
    public required EstateIndex Estate { get; init; }
    public required AssessmentSettings Settings { get; init; }
    /// <summary>Null when the annotation is malformed (then <see cref="ArnProblem"/> says why).</summary>
    public RoleArn? Arn { get; init; }
    public string ArnProblem { get; init; } = "";
    public ClusterInventory? Cluster { get; init; }
    public RoleRecord? Role { get; init; }
    public TrustRead? Trust { get; init; }
    public IReadOnlyList<PodRecord> Pods { get; init; } = [];
    public IReadOnlyList<WorkloadRecord> Workloads { get; init; } = [];
    public IReadOnlyList<AssociationRecord> Associations { get; init; } = [];

    public BindingKey Key => ServiceAccount.Key;
    public string RawRoleArn => ServiceAccount.RoleArn ?? "";
    /// <summary>Annotation audience, default sts.amazonaws.com (pod identity webhook).</summary>
    public string Audience => ServiceAccount.Annotations.TryGetValue(ServiceAccountRecord.AudienceAnnotation, out var a) && a.Length > 0 ? a : "sts.amazonaws.com";
    public string? Issuer => Cluster?.OidcIssuer is { } i ? Issuers.Normalize(i) : null;
    public IRoleTrust? RoleTrust => Trust?.Trust;
    public bool HasWorkloads => Pods.Count > 0 || Workloads.Count > 0;

    /// <summary>An association of this SA to the annotated role (directly or as targetRoleArn).</summary>
    public AssociationRecord? SameRoleAssociation =>
        Arn is null ? null : Associations.FirstOrDefault(a => EstateIndex.AssociationUsesRole(a, Arn.Value));

    public static string Describe(ClusterRef c) => $"cluster {c.Name} (account {c.AccountId}, {c.Region})";

    public static string List(IEnumerable<string> items, int max = 5)
    {
        var all = items.ToList();
        return all.Count <= max ? string.Join(", ", all) : string.Join(", ", all.Take(max)) + $" and {all.Count - max} more";
    }
}
