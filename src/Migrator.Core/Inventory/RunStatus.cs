namespace Migrator.Core.Inventory;

public enum RunStatus
{
    /// <summary>Being collected: written in parts, not read as the latest run until it completes.</summary>
    Running = 0,
    Complete,
    Partial,
    Failed,
    /// <summary>Stopped before it completed (cancelled, or the process failed); kept for the record, never read as the latest run.</summary>
    Interrupted,
}
