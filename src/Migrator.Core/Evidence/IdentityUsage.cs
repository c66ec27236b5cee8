using Migrator.Core.Inventory;

namespace Migrator.Core.Evidence;

/// <summary>
/// The recorded use of one workload identity in the inventory's look-back window: its last IRSA use and last Pod Identity
/// use (time and the event as evidence), how many of each, or why CloudTrail could not be read. Stored with the run.
/// </summary>
public sealed record IdentityUsage
{
    public required BindingKey Key { get; init; }
    /// <summary>The annotated role, else the association's.</summary>
    public string? RoleArn { get; init; }
    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public DateTimeOffset? LastIrsaAt { get; init; }
    public string? LastIrsaSource { get; init; }
    public int IrsaCount { get; init; }
    public DateTimeOffset? LastPodIdentityAt { get; init; }
    public string? LastPodIdentitySource { get; init; }
    public int PodIdentityCount { get; init; }
    /// <summary>Set when CloudTrail could not be read for this identity's account and region: the counts mean nothing then.</summary>
    public string? Error { get; init; }

    public DateTimeOffset? LastUsedAt => LastIrsaAt > LastPodIdentityAt || LastPodIdentityAt is null ? LastIrsaAt : LastPodIdentityAt;
}
