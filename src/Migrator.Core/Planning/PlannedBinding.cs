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
    /// <summary>What manages the role, as the inventory found it (null: nothing known).</summary>
    public Ownership.ResourceOwner? RoleOwner { get; init; }
    /// <summary>What manages the ServiceAccount, as the inventory found it (null: nothing known).</summary>
    public Ownership.ResourceOwner? ServiceAccountOwner { get; init; }
    /// <summary>How the role's changes (trust, association, trust subject) are made: by the role's owner's mode.</summary>
    public Ownership.ExecutionMode RoleMode { get; init; }
    /// <summary>How the ServiceAccount's change (the annotations' removal) is made: by the ServiceAccount's owner's mode.</summary>
    public Ownership.ExecutionMode ServiceAccountMode { get; init; }

    /// <summary>"direct" or "change-set (role: Terraform via tag managed-by=terraform; ...)" for plan show and reports.</summary>
    public string ModeDisplay => Ownership.ModeText.Of(this);
}
