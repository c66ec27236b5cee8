using Dapper;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Ports;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>
/// Reads a stored run in bounded pieces (SQLite and PostgreSQL): the estate facts without ServiceAccounts, workloads
/// and pods, and one cluster's rows at a time. Writes nothing; the runs are written by <see cref="SqliteInventoryStore"/>.
/// </summary>
public sealed class SqliteInventoryParts(IStateDatabase connections) : IInventoryParts
{
    private static readonly RunRowsQuery<ClusterRow> Clusters = new("inventory_clusters");
    private static readonly RunRowsQuery<RoleRow> Roles = new("inventory_roles");
    private static readonly RunRowsQuery<OidcProviderRow> OidcProviders = new("inventory_oidc_providers");
    private static readonly RunRowsQuery<AddonRow> Addons = new("inventory_addons");
    private static readonly RunRowsQuery<ServiceAccountRow> ServiceAccounts = new("inventory_service_accounts");
    private static readonly RunRowsQuery<WorkloadRow> Workloads = new("inventory_workloads");
    private static readonly RunRowsQuery<PodRow> Pods = new("inventory_pods");
    private static readonly RunRowsQuery<AssociationRow> Associations = new("inventory_associations");
    private static readonly RunRowsQuery<UsageRow> Usage = new("inventory_usage");

    public async Task<EstateFacts?> LoadEstateFactsAsync(long runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var run = await connection.QuerySingleOrDefaultAsync<(string StartedAt, string? CompletedAt)>(new CommandDefinition(
            "SELECT started_at, completed_at FROM inventory_runs WHERE run_id = @RunId;", new { RunId = runId }, cancellationToken: ct));
        if (run.StartedAt is null) return null;
        var shared = new SharedStrings();
        // Without their tags (owners were found from them at collection, and no assessment rule reads them), their
        // attached policies (read by planning's prerequisites only) and their trust policy texts, which come with each
        // part that names the role (ChunkedAssessment.TrustPoliciesNeeded). Read first: every ARN read after them (the
        // shared roles' bindings, the annotated ARNs) is the role's own string, not another copy (at 200,000 bindings
        // about 76,000 roles and 64,000 annotated ARNs).
        var roles = await Roles.AllAsync(connection, runId, r => r.ToRecord(withTags: false, TrustRead.Size, withAttachedPolicies: false), shared, ct);
        foreach (var role in roles)
            shared.Share(role.Arn);
        // The ServiceAccounts of roles annotated more than once, read one row at a time into the facts' bindings (at
        // 200,000 bindings about 150,000 of them): a buffered read held every row's six strings before they were shared.
        var bindings = new List<RoleBinding>();
        var clusterRefs = new Dictionary<(string, string, string), ClusterRef>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT account_id, region, cluster, namespace, name, role_arn FROM inventory_service_accounts
                WHERE run_id = @RunId AND role_arn IN (
                    SELECT role_arn FROM inventory_service_accounts WHERE run_id = @RunId AND role_arn IS NOT NULL
                    GROUP BY role_arn HAVING COUNT(*) > 1)
                ORDER BY seq;
                """;
            command.AddParameter("@RunId", runId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var cluster = ClusterOf(clusterRefs, shared, reader.GetString(0), reader.GetString(1), reader.GetString(2));
                // The same namespace/name recurs in every cluster an app is deployed to: one name string each.
                bindings.Add(new RoleBinding(cluster, shared.Share(reader.GetString(3)), shared.Share(reader.GetString(4)), shared.Share(reader.GetString(5))));
            }
        }
        var annotated = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT role_arn FROM inventory_service_accounts WHERE run_id = @RunId AND role_arn IS NOT NULL;", new { RunId = runId }, cancellationToken: ct)))
            .Select(shared.Share).ToList();
        return new EstateFacts
        {
            RunId = runId,
            StartedAt = StorageFormat.ParseTime(run.StartedAt),
            CompletedAt = StorageFormat.ParseTimeOrNull(run.CompletedAt),
            Clusters = await Clusters.AllAsync(connection, runId, r => r.ToRecord(), shared, ct),
            Roles = roles,
            OidcProviders = await OidcProviders.AllAsync(connection, runId, r => r.ToRecord(), shared, ct),
            Addons = await Addons.AllAsync(connection, runId, r => r.ToRecord(), shared, ct),
            SharedRoleBindings = bindings,
            AnnotatedRoleArns = annotated,
        };
    }

    public async Task<IReadOnlyList<ClusterRef>> ListPartClustersAsync(long runId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string AccountId, string Region, string Cluster)>(new CommandDefinition(
            """
            SELECT DISTINCT account_id, region, cluster FROM inventory_service_accounts WHERE run_id = @RunId
            UNION
            SELECT DISTINCT account_id, region, cluster FROM inventory_associations WHERE run_id = @RunId;
            """, new { RunId = runId }, cancellationToken: ct));
        return ChunkedAssessment.InAssessmentOrder(rows.Select(r => new ClusterRef(r.AccountId, r.Region, r.Cluster))).ToList();
    }

    public async Task<ClusterPart> LoadClusterPartAsync(long runId, ClusterRef cluster, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var shared = new SharedStrings();
        return new ClusterPart
        {
            ServiceAccounts = await ServiceAccounts.ClusterAsync(connection, runId, cluster, r => r.ToRecord(), shared, ct),
            Workloads = await Workloads.ClusterAsync(connection, runId, cluster, r => r.ToRecord(), shared, ct),
            Pods = await Pods.ClusterAsync(connection, runId, cluster, r => r.ToRecord(), shared, ct),
            Associations = await Associations.ClusterAsync(connection, runId, cluster, r => r.ToRecord(), shared, ct),
            Usage = await Usage.ClusterAsync(connection, runId, cluster, r => r.ToRecord(), shared, ct),
        };
    }

    private static ClusterRef ClusterOf(Dictionary<(string, string, string), ClusterRef> refs, SharedStrings shared, string account, string region, string name)
    {
        if (!refs.TryGetValue((account, region, name), out var cluster))
            refs[(account, region, name)] = cluster = new ClusterRef(shared.Share(account), shared.Share(region), shared.Share(name));
        return cluster;
    }
}
