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
public sealed class SqliteInventoryStore(IStateDatabase connections) : IInventoryStore
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

    public async Task<IReadOnlyDictionary<string, string>> LoadTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (roleArns.Count == 0) return found;
        await using var connection = await connections.OpenAsync(ct);
        // In batches: SQLite binds at most 32,766 parameters a statement, and a plan may touch tens of thousands of roles.
        // One named parameter per ARN, the same SQL on SQLite and PostgreSQL (Dapper would pass a list to Npgsql as one array).
        foreach (var batch in roleArns.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = new DynamicParameters(new { RunId = runId });
            for (var i = 0; i < batch.Length; i++)
                parameters.Add($"a{i}", batch[i]);
            var rows = await connection.QueryAsync<(string Arn, string TrustPolicy)>(new CommandDefinition(
                $"SELECT arn, trust_policy FROM inventory_roles WHERE run_id = @RunId AND trust_policy IS NOT NULL AND arn IN ({string.Join(", ", batch.Select((_, i) => $"@a{i}"))});",
                parameters, cancellationToken: ct));
            foreach (var (arn, text) in rows)
                found.TryAdd(arn, text);
        }
        return found;
    }

    public async Task<IReadOnlyList<Core.Inventory.Drift.TrustPolicyPair>> LoadTrustPolicyChangesAsync(long previousRunId, long currentRunId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<TrustPairRow>(new CommandDefinition(
            """
            SELECT b.arn AS Arn, a.role_exists AS PreviousExists, a.trust_policy AS PreviousDocument, b.role_exists AS CurrentExists, b.trust_policy AS CurrentDocument
            FROM inventory_roles b JOIN inventory_roles a ON a.run_id = @Previous AND a.arn = b.arn
            WHERE b.run_id = @Current AND a.lookup_error IS NULL AND b.lookup_error IS NULL
              AND (a.role_exists <> b.role_exists OR COALESCE(a.trust_policy, '') <> COALESCE(b.trust_policy, ''))
            ORDER BY b.arn;
            """,
            new { Previous = previousRunId, Current = currentRunId }, cancellationToken: ct));
        // A role stored twice in one run (repeated parts) is compared once.
        return rows.DistinctBy(r => r.Arn)
            .Select(r => new Core.Inventory.Drift.TrustPolicyPair(r.Arn, r.PreviousExists != 0, r.PreviousDocument, r.CurrentExists != 0, r.CurrentDocument))
            .ToList();
    }

    public async Task<Core.Inventory.Drift.ServiceAccountChanges> LoadServiceAccountChangesAsync(long previousRunId, long currentRunId, CancellationToken ct)
    {
        // Three passes, one row at a time: the previous run's IRSA bindings by key (their annotations' text, shared per
        // distinct text), then the current run's, kept when no previous binding has the same key and annotations, then
        // the previous run's again, kept when the current run did not match them. Only the differences are held as records.
        const string Irsa = "role_arn IS NOT NULL";
        await using var connection = await connections.OpenAsync(ct);
        var shared = new SharedStrings();
        var maps = new SharedMaps();
        static string Key(ServiceAccountRow r) => $"{r.AccountId}/{r.Region}/{r.Cluster}/{r.Namespace}/{r.Name}";
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in ServiceAccountRows.StreamAsync(connection, previousRunId, Irsa, shared, ct))
            before.TryAdd(Key(row), shared.Share(row.Annotations));
        var current = new List<ServiceAccountRecord>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in ServiceAccountRows.StreamAsync(connection, currentRunId, Irsa, shared, ct))
        {
            var key = Key(row);
            if (before.TryGetValue(key, out var was) && was == row.Annotations)
                matched.Add(key);
            else
                current.Add(row.ToRecord(withLabels: false, maps));
        }
        before.Clear();
        var previous = new List<ServiceAccountRecord>();
        await foreach (var row in ServiceAccountRows.StreamAsync(connection, previousRunId, Irsa, shared, ct))
        {
            if (!matched.Contains(Key(row)))
                previous.Add(row.ToRecord(withLabels: false, maps));
        }
        return new Core.Inventory.Drift.ServiceAccountChanges(previous, current);
    }

    private static readonly RunRowsQuery<ServiceAccountRow> ServiceAccountRows = new("inventory_service_accounts");

    private sealed class TrustPairRow
    {
        public string Arn { get; set; } = "";
        public long PreviousExists { get; set; }
        public string? PreviousDocument { get; set; }
        public long CurrentExists { get; set; }
        public string? CurrentDocument { get; set; }
    }

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<InventoryRunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM inventory_runs WHERE {Finished} ORDER BY run_id DESC;", cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }
}
