using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migrator.Core.Ownership.ChangeSets;

/// <summary>
/// The machine-readable side of a change-set (change.json beside the owner's files): exactly one of
/// <see cref="Trust"/>, <see cref="Association"/>, <see cref="Annotations"/> says the live state the owner's apply
/// must produce, and what was there before (so a simulated owner can also revert it: the sandbox's apply-change-set).
/// </summary>
public sealed record OwnerChange
{
    public const string CurrentFormat = "migrator-owner-change/1";
    public const string FileName = "change.json";

    public string Format { get; init; } = CurrentFormat;
    public required string PlanId { get; init; }
    public required int Phase { get; init; }
    public required string StepId { get; init; }
    /// <summary>True for the reverse change a rollback writes.</summary>
    public bool Rollback { get; init; }
    public required ResourceOwner Owner { get; init; }
    /// <summary>What to do, in one sentence, for people.</summary>
    public required string Summary { get; init; }
    public TrustChange? Trust { get; init; }
    public AssociationChange? Association { get; init; }
    public AnnotationsChange? Annotations { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OwnerChange Parse(string json) =>
        JsonSerializer.Deserialize<OwnerChange>(json, Json) ?? throw new JsonException("empty change");
}

/// <summary>The role's trust policy (assume_role_policy) the owner must declare.</summary>
public sealed record TrustChange(string RoleArn, string Document, string Before);

/// <summary>The Pod Identity association the owner must declare (<see cref="Present"/>) or drop.</summary>
public sealed record AssociationChange(string Cluster, string ClusterName, string Region, string Namespace, string ServiceAccount, string RoleArn, bool Present);

/// <summary>ServiceAccount annotations the owner must set or drop; <see cref="Before"/> the values they had.</summary>
public sealed record AnnotationsChange(string Cluster, string Namespace, string ServiceAccount, IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Remove, IReadOnlyDictionary<string, string> Before);
