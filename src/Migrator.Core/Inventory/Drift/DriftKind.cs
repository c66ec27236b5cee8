namespace Migrator.Core.Inventory.Drift;

public enum DriftKind
{
    Added,
    Removed,
    Changed,
}
