using System.Data.Common;

namespace Migrator.Storage;

/// <summary>
/// The state database behind every store: opens migrated connections and takes plan locks. One implementation per
/// <see cref="StorageProvider"/>; the stores' SQL is common to both, the differences (schema scripts, locking, how the
/// database is checked) live here.
/// </summary>
public interface IStateDatabase
{
    StorageProvider Provider { get; }

    /// <summary>The database for people: "the state file '/var/lib/migrator/migrator.db'", "the PostgreSQL database 'migrator' on db:5432".</summary>
    string Description { get; }

    /// <summary>An open connection to a database migrated to the latest schema.</summary>
    Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Before a command calls any API: the database opens, migrates and takes a write, or a <see cref="StorageException"/> names the fix.</summary>
    Task VerifyAsync(CancellationToken ct);

    /// <summary>
    /// For a readiness probe: null when a connection opens and answers a query now, else what is wrong (naming the
    /// database, never a password). Never throws for an unreachable or broken database.
    /// </summary>
    Task<string?> ReadinessProblemAsync(CancellationToken ct);

    /// <summary>
    /// Takes the plan's execution lock, held until the returned handle is disposed or the process ends however it
    /// ends; null when another executor holds it.
    /// </summary>
    Task<IPlanLock?> TryTakePlanLockAsync(string planId, CancellationToken ct);

    /// <summary>Where the lock of a plan is, for the refusal message when no holder is recorded yet.</summary>
    string PlanLockLocation(string planId);
}
