using Migrator.Core.Inventory;

namespace Migrator.Core.Planning;

/// <summary>A prerequisite checked at planning time (agent add-on, node role permission), reported whether it passes or not.</summary>
public sealed record PrerequisiteFinding(ClusterRef Cluster, string Check, bool Satisfied, string Detail);
