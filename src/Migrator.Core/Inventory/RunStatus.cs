namespace Migrator.Core.Inventory;

public enum RunStatus
{
    Running = 0,
    Complete,
    Partial,
    Failed,
}
