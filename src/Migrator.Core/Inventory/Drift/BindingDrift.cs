namespace Migrator.Core.Inventory.Drift;

/// <summary>An IRSA binding (ServiceAccount with the role-arn annotation) that appeared, disappeared or changed.</summary>
public sealed record BindingDrift(
    BindingKey Key,
    DriftKind Kind,
    string? PreviousRoleArn,
    string? CurrentRoleArn,
    IReadOnlyList<string> ChangedAnnotations);
