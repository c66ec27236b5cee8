using Migrator.Core.Inventory;

namespace Migrator.Core.Progress;

/// <summary>
/// What a summary of the scope's progress needs of its members: how many stand where, per cluster, with IRSA leftovers,
/// and which are gone. A report keeps these instead of the members (about 120,000 at 200,000 bindings).
/// </summary>
public sealed record ScopeCounts
{
    public required int Scope { get; init; }
    public required IReadOnlyDictionary<IdentityProgress, int> ByProgress { get; init; }
    /// <summary>Identities on Pod Identity whose IRSA leftovers are still to clean up.</summary>
    public required int CleanupPending { get; init; }
    /// <summary>Per cluster key: the scope's identities there and those on Pod Identity.</summary>
    public required IReadOnlyDictionary<string, (int Total, int OnPodIdentity)> ByCluster { get; init; }
    /// <summary>The identities gone from the estate, in the members' order.</summary>
    public required IReadOnlyList<BindingKey> GoneIdentities { get; init; }

    public int Count(IdentityProgress progress) => ByProgress.GetValueOrDefault(progress);

    public static ScopeCounts Of(IEnumerable<MemberProgress> members)
    {
        var (scope, cleanup) = (0, 0);
        var byProgress = new Dictionary<IdentityProgress, int>();
        var byCluster = new Dictionary<ClusterRef, (int Total, int OnPodIdentity)>();
        var gone = new List<BindingKey>();
        foreach (var m in members)
        {
            scope++;
            byProgress[m.Progress] = byProgress.GetValueOrDefault(m.Progress) + 1;
            var on = m.Progress == IdentityProgress.OnPodIdentity;
            var (total, onPodIdentity) = byCluster.GetValueOrDefault(m.Member.Key.Cluster);
            byCluster[m.Member.Key.Cluster] = (total + 1, onPodIdentity + (on ? 1 : 0));
            if (on && m.Verdict?.Lifecycle == Assessment.IdentityLifecycle.CleanupPending) cleanup++;
            if (m.Progress == IdentityProgress.Gone) gone.Add(m.Member.Key);
        }
        return new ScopeCounts
        {
            Scope = scope,
            ByProgress = byProgress,
            CleanupPending = cleanup,
            ByCluster = byCluster.ToDictionary(c => c.Key.Key, c => c.Value, StringComparer.Ordinal),
            GoneIdentities = gone,
        };
    }
}
