using Dapper;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Storage.Inventory.Rows;
using static Migrator.Storage.Inventory.SnapshotTables;

namespace Migrator.Storage.Inventory;

/// <summary>
/// Stores an inventory run saved whole in one transaction; loads runs back in their saved order (runs written in parts,
/// <see cref="InventoryRunWriter"/>, load back in cluster-key order). Readers of the latest run and of the run list
/// see finished runs only.
/// </summary>
public sealed partial class SqliteInventoryStore(IStateDatabase connections) : IInventoryStore
{
    internal const string RunColumns = "run_id, started_at, completed_at, status, cluster_count, binding_count, pod_count, role_count, association_count, error_count, filter";

    /// <summary>Runs readers see: complete, partial or failed; never one still being written (Running) or stopped half-way (Interrupted).</summary>
    internal const string Finished = "status NOT IN ('Running', 'Interrupted')";

    public async Task<long> SaveSnapshotAsync(InventorySnapshot snapshot, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var runId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO inventory_runs (started_at, completed_at, status, cluster_count, binding_count, pod_count, role_count, association_count, error_count, filter)
            VALUES (@StartedAt, @CompletedAt, @Status, @ClusterCount, @BindingCount, @PodCount, @RoleCount, @AssociationCount, @ErrorCount, @Filter)
            RETURNING run_id;
            """,
            InventoryRunRow.From(snapshot), tx, cancellationToken: ct));
        await Clusters.InsertAsync(connection, tx, runId, snapshot.Clusters, ClusterRow.From, ct);
        await ServiceAccounts.InsertAsync(connection, tx, runId, snapshot.ServiceAccounts, ServiceAccountRow.From, ct);
        await Workloads.InsertAsync(connection, tx, runId, snapshot.Workloads, WorkloadRow.From, ct);
        await Pods.InsertAsync(connection, tx, runId, snapshot.Pods, PodRow.From, ct);
        await Associations.InsertAsync(connection, tx, runId, snapshot.Associations, AssociationRow.From, ct);
        await Roles.InsertAsync(connection, tx, runId, snapshot.Roles, RoleRow.From, ct);
        await OidcProviders.InsertAsync(connection, tx, runId, snapshot.OidcProviders, OidcProviderRow.From, ct);
        await Addons.InsertAsync(connection, tx, runId, snapshot.Addons, AddonRow.From, ct);
        await Errors.InsertAsync(connection, tx, runId, snapshot.Errors, CollectionErrorRow.From, ct);
        await Notes.InsertAsync(connection, tx, runId, snapshot.Notes, CollectionNoteRow.From, ct);
        await Usage.InsertAsync(connection, tx, runId, snapshot.Usage, UsageRow.From, ct);
        await tx.CommitAsync(ct);
        return runId;
    }

    public Task<InventorySnapshot?> LoadSnapshotAsync(long? runId, CancellationToken ct) => LoadSnapshotAsync(runId, SnapshotParts.All, ct);

    public async Task<InventorySnapshot?> LoadSnapshotAsync(long? runId, SnapshotParts parts, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var run = await connection.QuerySingleOrDefaultAsync<InventoryRunRow>(new CommandDefinition(
            runId is null
                ? $"SELECT {RunColumns} FROM inventory_runs WHERE {Finished} ORDER BY run_id DESC LIMIT 1;"
                : $"SELECT {RunColumns} FROM inventory_runs WHERE run_id = @RunId;",
            new { RunId = runId }, cancellationToken: ct));
        if (run is null) return null;
        var id = run.RunId;
        var annotations = new SharedMaps();
        var trust = parts >= SnapshotParts.WithoutTrustPolicies ? TrustRead.Size : TrustRead.Text;
        return new InventorySnapshot
        {
            RunId = id,
            StartedAt = StorageFormat.ParseTime(run.StartedAt),
            CompletedAt = StorageFormat.ParseTimeOrNull(run.CompletedAt),
            Status = StorageFormat.Enum<RunStatus>(run.Status),
            Filter = run.Filter,
            Clusters = await Clusters.LoadAsync(connection, id, r => r.ToRecord(), ct),
            ServiceAccounts = parts == SnapshotParts.Outline ? [] : await ServiceAccounts.LoadAsync(connection, id, r => r.ToRecord(withLabels: parts < SnapshotParts.WithoutPodsWorkloadsAndLabels, annotations), ct),
            Workloads = parts == SnapshotParts.All ? await Workloads.LoadAsync(connection, id, r => r.ToRecord(), ct) : [],
            Pods = parts == SnapshotParts.All ? await Pods.LoadAsync(connection, id, r => r.ToRecord(), ct) : [],
            Associations = await Associations.LoadAsync(connection, id, r => r.ToRecord(), ct),
            Roles = await Roles.LoadAsync(connection, id, r => r.ToRecord(withTags: parts < SnapshotParts.WithoutPodsWorkloadsAndLabels, trust), ct),
            OidcProviders = await OidcProviders.LoadAsync(connection, id, r => r.ToRecord(), ct),
            Addons = await Addons.LoadAsync(connection, id, r => r.ToRecord(), ct),
            Errors = await Errors.LoadAsync(connection, id, r => r.ToRecord(), ct),
            Notes = await Notes.LoadAsync(connection, id, r => r.ToRecord(), ct),
            Usage = await Usage.LoadAsync(connection, id, r => r.ToRecord(), ct),
        };
    }

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<InventoryRunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM inventory_runs WHERE {Finished} ORDER BY run_id DESC;", cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }
}
