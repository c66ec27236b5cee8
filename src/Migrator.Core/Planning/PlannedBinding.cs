using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>A binding the plan migrates, with what the executor needs to know about it.</summary>
public sealed record PlannedBinding
{
    public required BindingKey Key { get; init; }
    public required string RoleArn { get; init; }
    public required BindingCategory Category { get; init; }
    public int Score { get; init; }
    public string? CoordinationGroup { get; init; }
    public string? OwningAddon { get; init; }
    /// <summary>The cluster's OIDC issuer as host/path without scheme (the IRSA subject to remove at cleanup).</summary>
    public string? Issuer { get; init; }
    public int PodCount { get; init; }
    public IReadOnlyList<WorkloadRef> Workloads { get; init; } = [];
}
