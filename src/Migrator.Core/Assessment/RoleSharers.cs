using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment;

/// <summary>The IRSA bindings of one role annotated more than once, in cluster-key, namespace and name order, and their clusters.</summary>
internal sealed record RoleSharers(IReadOnlyList<RoleBinding> Sorted, IReadOnlySet<ClusterRef> Clusters);
