using Migrator.Core.Inventory;

namespace Migrator.Core.Progress;

/// <summary>
/// An identity of the scope that ran on Pod Identity in an earlier run and does not now: what leadership must see first.
/// </summary>
public sealed record Regression
{
    public required BindingKey Key { get; init; }
    public required string RoleArn { get; init; }
    /// <summary>The reason codes that took it off Pod Identity (e.g. broken.pod-identity-trust-denies), or "association-deleted".</summary>
    public required IReadOnlyList<string> Codes { get; init; }
    /// <summary>Why, in words, with the evidence the assessment recorded.</summary>
    public required string Why { get; init; }
    public required string Fix { get; init; }
    /// <summary>The last run that found it on Pod Identity.</summary>
    public required long LastOnRunId { get; init; }
    /// <summary>The first run that found it off Pod Identity, and when that run started.</summary>
    public required long SinceRunId { get; init; }
    public required DateTimeOffset Since { get; init; }

    /// <summary>
    /// The owner (Terraform, Helm, Argo CD...) that manages what was reverted, when the plan knew one: its next apply or
    /// sync puts back what its own configuration says (issue 16, revert guard).
    /// </summary>
    public string? Owner { get; init; }

    /// <summary>A cleaned-up ServiceAccount carries the IRSA annotation again.</summary>
    public const string AnnotationReverted = "reverted.irsa-annotation";

    /// <summary>A trust subject the cleanup removed is back in the role's trust policy.</summary>
    public const string TrustSubjectReverted = "reverted.irsa-trust-subject";

    /// <summary>Code for an identity whose association is gone (no association recorded in this run).</summary>
    public const string AssociationDeleted = "association-deleted";
}
