namespace Migrator.Core.Inventory.Drift;

/// <summary>
/// A Pod Identity association that appeared, disappeared or changed (roleArn, targetRoleArn, disableSessionTags,
/// or re-created under a new id). <see cref="ByTool"/> is true when the tool's own journal accounts for it.
/// </summary>
public sealed record AssociationDrift(
    BindingKey Key,
    DriftKind Kind,
    AssociationRecord? Previous,
    AssociationRecord? Current,
    IReadOnlyList<string> ChangedFields,
    bool ByTool);
