namespace Migrator.Core.Ownership;

/// <summary>The execution mode an owner gets.</summary>
public static class OwnerModes
{
    /// <summary>
    /// Every owner that would revert a direct change gets a change-set. EKS add-ons are migrated through the add-on API
    /// (direct): the add-on manager is the owner's own API.
    /// </summary>
    public static ExecutionMode Default(OwnerKind kind) => kind == OwnerKind.EksAddon ? ExecutionMode.Direct : ExecutionMode.ChangeSet;

    /// <summary>The configured mode of the owner's kind (Planning:OwnerModes), else its default; direct without an owner.</summary>
    public static ExecutionMode Of(IReadOnlyDictionary<OwnerKind, ExecutionMode> configured, ResourceOwner? owner) =>
        owner is null ? ExecutionMode.Direct
        : configured.TryGetValue(owner.Kind, out var mode) ? mode
        : Default(owner.Kind);
}
