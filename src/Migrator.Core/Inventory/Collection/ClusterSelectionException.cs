namespace Migrator.Core.Inventory.Collection;

/// <summary>The run's --clusters selection names a cluster that was not found: nothing is collected or stored.</summary>
public sealed class ClusterSelectionException(string message) : Exception(message);
