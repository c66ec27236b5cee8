namespace Migrator.Core.Inventory.Drift;

/// <summary>What changed in the estate from one run to the next.</summary>
public sealed record DriftReport
{
    public long FromRunId { get; init; }
    public long ToRunId { get; init; }
    public IReadOnlyList<ClusterRef> ClustersAdded { get; init; } = [];
    public IReadOnlyList<ClusterRef> ClustersRemoved { get; init; } = [];
    /// <summary>Clusters that failed to collect in either run (or whose region failed to list): nothing inside them is compared.</summary>
    public IReadOnlyList<ClusterRef> ClustersNotCompared { get; init; } = [];
    public IReadOnlyList<BindingDrift> NewBindings { get; init; } = [];
    public IReadOnlyList<BindingDrift> RemovedBindings { get; init; } = [];
    public IReadOnlyList<BindingDrift> ChangedBindings { get; init; } = [];
    /// <summary>New IRSA bindings, without an association, in clusters that already had migrated (associated) bindings.</summary>
    public IReadOnlyList<BindingDrift> Regressions { get; init; } = [];
    public IReadOnlyList<AssociationDrift> Associations { get; init; } = [];
    public IReadOnlyList<TrustPolicyDrift> TrustPolicies { get; init; } = [];

    public IEnumerable<AssociationDrift> AssociationsChangedOutsideTool => Associations.Where(a => !a.ByTool);
    public IEnumerable<TrustPolicyDrift> TrustPoliciesChangedOutsideTool => TrustPolicies.Where(t => !t.ByTool);

    /// <summary>No difference at all (clusters not compared do not count as differences).</summary>
    public bool IsEmpty => ClustersAdded.Count == 0 && ClustersRemoved.Count == 0 && NewBindings.Count == 0
        && RemovedBindings.Count == 0 && ChangedBindings.Count == 0 && Associations.Count == 0 && TrustPolicies.Count == 0;
}
