using Migrator.Core.Assessment;
using Migrator.Core.Inventory;

namespace Migrator.Core.Ports;

/// <summary>
/// A stored inventory run read in bounded pieces, for an assessment that never holds the whole estate: the estate
/// facts once, then one cluster's rows at a time (<see cref="ChunkedAssessment"/>).
/// </summary>
public interface IInventoryParts
{
    /// <summary>The run's estate facts (no ServiceAccounts, workloads or pods but the bindings of shared roles); null when the run does not exist.</summary>
    Task<EstateFacts?> LoadEstateFactsAsync(long runId, CancellationToken ct);

    /// <summary>The clusters that have ServiceAccounts or associations in the run: the clusters whose parts hold identities.</summary>
    Task<IReadOnlyList<ClusterRef>> ListPartClustersAsync(long runId, CancellationToken ct);

    /// <summary>Every row of one cluster in the run, in stored order.</summary>
    Task<ClusterPart> LoadClusterPartAsync(long runId, ClusterRef cluster, CancellationToken ct);
}
