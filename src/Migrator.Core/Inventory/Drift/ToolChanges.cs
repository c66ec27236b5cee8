namespace Migrator.Core.Inventory.Drift;

/// <summary>What the tool itself changed between the two runs (from its journal), so drift can tell it apart.</summary>
public sealed record ToolChanges
{
    public static readonly ToolChanges None = new();

    /// <summary>Roles whose trust policy the tool rewrote.</summary>
    public IReadOnlySet<string> RoleArns { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>Bindings whose association the tool created, updated or deleted.</summary>
    public IReadOnlySet<BindingKey> Associations { get; init; } = new HashSet<BindingKey>();
}
