namespace Migrator.Core.Inventory;

/// <summary>An IAM role referenced by an annotation or association. Exists=false records a NoSuchEntity answer.</summary>
public sealed record RoleRecord
{
    public required string Arn { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; init; }
    public string Path { get; init; } = "/";
    public bool Exists { get; init; } = true;
    /// <summary>Trust policy JSON, URL-decoded, exactly as IAM returned it.</summary>
    public string? TrustPolicy { get; init; }
    /// <summary>
    /// IAM's count of the trust policy (<see cref="Trust.TrustPolicySize"/>), set by a reader that left the text out
    /// (<see cref="Ports.SnapshotParts.WithoutTrustPolicies"/>, <see cref="Ports.SnapshotParts.Outline"/>); null when the
    /// text is here or the role has none.
    /// </summary>
    public int? TrustPolicySize { get; init; }
    /// <summary>Whether the role has a trust policy, read as its text or as its size.</summary>
    public bool HasTrustPolicy => TrustPolicy is not null || TrustPolicySize is not null;
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> AttachedPolicies { get; init; } = [];
    /// <summary>IAM's RoleLastUsed (GetRole): when and in which region the role was last used; null when never (or unknown).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }
    public string? LastUsedRegion { get; init; }
    /// <summary>Set when the role could not be read for another reason than NoSuchEntity (e.g. AccessDenied).</summary>
    public string? LookupError { get; init; }
    /// <summary>What manages the role (Terraform, CloudFormation, eksctl), from its tags; null when nothing known does.</summary>
    public Ownership.ResourceOwner? Owner { get; init; }
}
