namespace Migrator.Core.Assessment;

/// <summary>The verdict for one IRSA binding.</summary>
public enum BindingCategory
{
    /// <summary>Can move to Pod Identity on its own.</summary>
    Ready,
    /// <summary>Can move, but together with the other clusters/ServiceAccounts that share the role.</summary>
    Coordinate,
    /// <summary>IRSA should stay (cross-account, federation outside the migration, Fargate, Windows...).</summary>
    KeepIrsa,
    /// <summary>IRSA is already broken; fix or retire it before migrating.</summary>
    Broken,
    /// <summary>No pods or workloads use the ServiceAccount: delete rather than migrate.</summary>
    Unused,
    /// <summary>Already on Pod Identity (association to the same role, pods carry the Pod Identity env).</summary>
    Migrated,
    /// <summary>
    /// Not assessed: a record the rules need could not be read (IAM GetRole failed: throttled, 5xx, timeout, access
    /// denied). Nothing about the role's trust is known, so the binding is not planned; re-run the inventory.
    /// </summary>
    Unassessed,
}
