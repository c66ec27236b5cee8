using Migrator.Core.Inventory;
using Migrator.Core.Progress;

namespace Migrator.Core.Ports;

/// <summary>The migration scope and the per-run figures progress is computed from (SQLite, migration 006).</summary>
public interface IScopeStore
{
    /// <summary>The scope with every membership (removed ones included); null before the first plan.</summary>
    Task<MigrationScope?> LoadAsync(CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="scope"/> when no scope exists yet and returns true; an existing scope wins, is left as it is
    /// and is not read (false).
    /// </summary>
    Task<bool> FixAsync(MigrationScope scope, CancellationToken ct);

    /// <summary>Adds memberships; identities already members are left as they are. Returns the memberships added.</summary>
    Task<IReadOnlyList<ScopeMember>> AddAsync(IReadOnlyList<ScopeMember> members, CancellationToken ct);

    /// <summary>Ends the active membership of each key (recorded with who, when, why and the first run it no longer counts in). Returns the keys removed.</summary>
    Task<IReadOnlyList<BindingKey>> RemoveAsync(IReadOnlyList<BindingKey> keys, string by, string reason, DateTimeOffset at, long untilRunId, CancellationToken ct);

    /// <summary>Per run: of the memberships the run counts, how many its assessment has and how many are on Pod Identity. Counted in SQL.</summary>
    Task<IReadOnlyList<ScopeRunCount>> CountAsync(IReadOnlyList<long> runIds, CancellationToken ct);

    /// <summary>Per identity assessed on Pod Identity in a run from <paramref name="fromRunId"/> up to (not including) <paramref name="beforeRunId"/>: the last such run.</summary>
    Task<IReadOnlyDictionary<BindingKey, PodIdentityHistory>> LastOnPodIdentityAsync(long fromRunId, long beforeRunId, CancellationToken ct);

    /// <summary>
    /// Per identity: the first run after its last run on Pod Identity (the value), up to <paramref name="upToRunId"/>, that
    /// assessed it off Pod Identity. Identities without such a run are left out.
    /// </summary>
    Task<IReadOnlyDictionary<BindingKey, long>> FirstOffPodIdentityAsync(IReadOnlyDictionary<BindingKey, long> lastOn, long upToRunId, CancellationToken ct);
}
