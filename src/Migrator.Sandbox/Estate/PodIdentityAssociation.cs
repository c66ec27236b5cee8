namespace Migrator.Sandbox;

/// <summary>An EKS Pod Identity association: (cluster, namespace, service account) → role.</summary>
public sealed class PodIdentityAssociation
{
    /// <summary>a-xxxxxxxxxxxxxxxxx; generated when omitted.</summary>
    public string? AssociationId { get; set; }
    public required string Namespace { get; set; }
    public required string ServiceAccount { get; set; }
    public required string RoleArn { get; set; }
    public string? TargetRoleArn { get; set; }
    public bool DisableSessionTags { get; set; }
    /// <summary>ARN of the add-on that owns the association (created through the add-on API).</summary>
    public string? OwnerArn { get; set; }
    public Dictionary<string, string> Tags { get; set; } = [];
    /// <summary>
    /// The idempotency token it was created with: a retried create with the same token returns this association,
    /// visible yet or not. Kept with the estate, so it holds across sandbox restarts as it does at EKS.
    /// </summary>
    public string? ClientRequestToken { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? ModifiedAt { get; set; }

    public string ArnIn(Cluster cluster) =>
        $"arn:{cluster.Partition}:eks:{cluster.Region}:{cluster.AccountId}:podidentityassociation/{cluster.Name}/{AssociationId}";
}
