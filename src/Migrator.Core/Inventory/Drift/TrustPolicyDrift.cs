namespace Migrator.Core.Inventory.Drift;

/// <summary>
/// A referenced role whose trust policy changed between runs (compared as JSON, not as text), or that was deleted
/// (Removed) or re-created (Added). <see cref="ByTool"/> is true when the tool's own journal accounts for it.
/// </summary>
public sealed record TrustPolicyDrift(string RoleArn, DriftKind Kind, string? PreviousDocument, string? CurrentDocument, bool ByTool);
