using Migrator.Core.Inventory;

namespace Migrator.Storage.Inventory.Rows;

public sealed class RoleRow : SnapshotRow
{
    public string Arn { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Path { get; set; } = "/";
    public long RoleExists { get; set; }
    public string? TrustPolicy { get; set; }
    public string Tags { get; set; } = "{}";
    public string AttachedPolicies { get; set; } = "[]";
    public string? LookupError { get; set; }
    public string? LastUsedAt { get; set; }
    public string? LastUsedRegion { get; set; }
    public string? Owner { get; set; }

    public static RoleRow From(RoleRecord r) => new()
    {
        Arn = r.Arn,
        AccountId = r.AccountId,
        Name = r.Name,
        Path = r.Path,
        RoleExists = r.Exists ? 1 : 0,
        TrustPolicy = r.TrustPolicy,
        Tags = StorageFormat.ToJson(r.Tags),
        AttachedPolicies = StorageFormat.ToJson(r.AttachedPolicies),
        LookupError = r.LookupError,
        LastUsedAt = r.LastUsedAt is { } used ? StorageFormat.Time(used) : null,
        LastUsedRegion = r.LastUsedRegion,
        Owner = StorageFormat.Owner(r.Owner),
    };

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <param name="withTags">False: the tags are left out (empty).</param>
    /// <param name="trust">The trust policy's text, its size only, or nothing of it.</param>
    /// <param name="withAttachedPolicies">False: the attached managed policies are left out (empty).</param>
    public RoleRecord ToRecord(bool withTags = true, TrustRead trust = TrustRead.Text, bool withAttachedPolicies = true) => new()
    {
        Arn = Arn,
        AccountId = AccountId,
        Name = Name,
        Path = Path,
        Exists = RoleExists != 0,
        TrustPolicy = trust == TrustRead.Text ? TrustPolicy : null,
        TrustPolicySize = trust == TrustRead.Size && TrustPolicy is not null ? Core.Trust.TrustPolicySize.Count(TrustPolicy) : null,
        Tags = withTags ? StorageFormat.Map(Tags) : NoTags,
        AttachedPolicies = withAttachedPolicies ? StorageFormat.List(AttachedPolicies) : [],
        LookupError = LookupError,
        LastUsedAt = StorageFormat.ParseTimeOrNull(LastUsedAt),
        LastUsedRegion = LastUsedRegion,
        Owner = StorageFormat.ParseOwner(Owner),
    };
}

/// <summary>What a role read takes of its trust policy.</summary>
public enum TrustRead
{
    Text,
    /// <summary>IAM's count of it (<see cref="RoleRecord.TrustPolicySize"/>), not the text.</summary>
    Size,
    None,
}
