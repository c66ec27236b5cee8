using Dapper;
using Migrator.Core.Inventory;
using Migrator.Core.Inventory.Drift;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// The narrow reads of a stored run: trust policy texts by role ARN (the roles a plan can touch, the trust diffs a report
/// shows), and what differs between two runs for drift (roles' trust, IRSA bindings), so no reader holds either run's
/// every trust policy or ServiceAccount for them.
/// </summary>
public sealed partial class SqliteInventoryStore
{
    public async Task<IReadOnlyDictionary<string, string>> LoadTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns, CancellationToken ct)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (arn, text) in StreamTrustPoliciesAsync(runId, roleArns, ct))
            found.TryAdd(arn, text);
        return found;
    }

    public async IAsyncEnumerable<(string Arn, string TrustPolicy)> StreamTrustPoliciesAsync(long runId, IReadOnlyCollection<string> roleArns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (roleArns.Count == 0) yield break;
        await using var connection = await connections.OpenAsync(ct);
        // A role stored twice in one run (repeated parts) is given once.
        var given = new HashSet<string>(StringComparer.Ordinal);
        // In batches: SQLite binds at most 32,766 parameters a statement, and a plan may touch tens of thousands of roles.
        // One named parameter per ARN, the same SQL on SQLite and PostgreSQL; each batch's rows are read one at a time.
        foreach (var batch in roleArns.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT arn, trust_policy FROM inventory_roles WHERE run_id = @RunId AND trust_policy IS NOT NULL AND arn IN ({string.Join(", ", batch.Select((_, i) => $"@a{i}"))});";
            command.AddParameter("@RunId", runId);
            for (var i = 0; i < batch.Length; i++)
                command.AddParameter($"@a{i}", batch[i]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var arn = reader.GetString(0);
                if (given.Add(arn))
                    yield return (arn, reader.GetString(1));
            }
        }
    }

    public async Task<IReadOnlyList<TrustPolicyPair>> LoadTrustPolicyChangesAsync(long previousRunId, long currentRunId, CancellationToken ct)
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
            .Select(r => new TrustPolicyPair(r.Arn, r.PreviousExists != 0, r.PreviousDocument, r.CurrentExists != 0, r.CurrentDocument))
            .ToList();
    }

    public async Task<ServiceAccountChanges> LoadServiceAccountChangesAsync(long previousRunId, long currentRunId, CancellationToken ct)
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
        return new ServiceAccountChanges(previous, current);
    }

    public async IAsyncEnumerable<IrsaServiceAccount> StreamIrsaServiceAccountsAsync(long runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var shared = new SharedStrings();
        // One cluster and one owner instance per distinct value, as a whole-snapshot read would hold them.
        var clusters = new Dictionary<(string, string, string), ClusterRef>();
        var owners = new Dictionary<string, Core.Ownership.ResourceOwner?>(StringComparer.Ordinal);
        await foreach (var row in ServiceAccountRows.StreamAsync(connection, runId, "role_arn IS NOT NULL", shared, ct))
        {
            var clusterKey = (row.AccountId, row.Region, row.Cluster);
            if (!clusters.TryGetValue(clusterKey, out var cluster))
                clusters[clusterKey] = cluster = new ClusterRef(row.AccountId, row.Region, row.Cluster);
            Core.Ownership.ResourceOwner? owner = null;
            if (row.Owner is { } text && !owners.TryGetValue(text, out owner))
                owners[text] = owner = StorageFormat.ParseOwner(text);
            // Names are shared too: the same app's ServiceAccount name recurs in every cluster it runs in (at 100x,
            // 160,000 planned bindings had 159 distinct names, 6 MB of copies).
            yield return new IrsaServiceAccount(new BindingKey(cluster, shared.Share(row.Namespace), shared.Share(row.Name)), shared.Share(row.RoleArn!), owner);
        }
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
}
