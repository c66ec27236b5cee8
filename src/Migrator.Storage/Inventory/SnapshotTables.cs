using System.Data.Common;
using Migrator.Core.Inventory;
using Migrator.Storage.Inventory.Rows;

namespace Migrator.Storage.Inventory;

/// <summary>The snapshot tables of an inventory run, and how a snapshot (or a part of one) is written into them.</summary>
internal static class SnapshotTables
{
    public static readonly SnapshotTable<ClusterRow> Clusters = new("inventory_clusters");
    public static readonly SnapshotTable<ServiceAccountRow> ServiceAccounts = new("inventory_service_accounts");
    public static readonly SnapshotTable<WorkloadRow> Workloads = new("inventory_workloads");
    public static readonly SnapshotTable<PodRow> Pods = new("inventory_pods");
    public static readonly SnapshotTable<AssociationRow> Associations = new("inventory_associations");
    public static readonly SnapshotTable<RoleRow> Roles = new("inventory_roles", nameof(RoleRow.Arn));
    public static readonly SnapshotTable<UsageRow> Usage = new("inventory_usage");
    public static readonly SnapshotTable<OidcProviderRow> OidcProviders = new("inventory_oidc_providers");
    public static readonly SnapshotTable<AddonRow> Addons = new("inventory_addons");
    public static readonly SnapshotTable<CollectionErrorRow> Errors = new("inventory_errors", nameof(CollectionErrorRow.Scope), nameof(CollectionErrorRow.Target), nameof(CollectionErrorRow.Operation));
    public static readonly SnapshotTable<CollectionNoteRow> Notes = new("inventory_notes", nameof(CollectionNoteRow.Scope), nameof(CollectionNoteRow.Target), nameof(CollectionNoteRow.Operation));

    /// <summary>Every table of a run's rows (not the run itself).</summary>
    public static readonly string[] Names =
    [
        Clusters.Name, ServiceAccounts.Name, Workloads.Name, Pods.Name, Associations.Name, Roles.Name, Usage.Name,
        OidcProviders.Name, Addons.Name, Errors.Name, Notes.Name,
    ];

    /// <summary>
    /// Writes a part's rows at its place in the run. <paramref name="shared"/>: rows that other parts of the run may
    /// repeat (roles, errors and notes of two shards of one account) are written only when the run lacks them.
    /// </summary>
    public static async Task AppendAsync(DbConnection connection, DbTransaction tx, long runId, int shard, InventoryPart part, bool shared, CancellationToken ct)
    {
        var rows = part.Rows;
        Func<int, long> seq = i => part.Seq(shard, i);
        await Clusters.InsertAsync(connection, tx, runId, rows.Clusters, ClusterRow.From, seq, ct);
        await ServiceAccounts.InsertAsync(connection, tx, runId, rows.ServiceAccounts, ServiceAccountRow.From, seq, ct);
        await Workloads.InsertAsync(connection, tx, runId, rows.Workloads, WorkloadRow.From, seq, ct);
        await Pods.InsertAsync(connection, tx, runId, rows.Pods, PodRow.From, seq, ct);
        await Associations.InsertAsync(connection, tx, runId, rows.Associations, AssociationRow.From, seq, ct);
        await OidcProviders.InsertAsync(connection, tx, runId, rows.OidcProviders, OidcProviderRow.From, seq, ct);
        await Addons.InsertAsync(connection, tx, runId, rows.Addons, AddonRow.From, seq, ct);
        await Usage.InsertAsync(connection, tx, runId, rows.Usage, UsageRow.From, seq, ct);
        if (shared)
        {
            await Roles.InsertMissingAsync(connection, tx, runId, rows.Roles, RoleRow.From, seq, ct);
            await Errors.InsertMissingAsync(connection, tx, runId, rows.Errors, CollectionErrorRow.From, seq, ct);
            await Notes.InsertMissingAsync(connection, tx, runId, rows.Notes, CollectionNoteRow.From, seq, ct);
            return;
        }
        await Roles.InsertAsync(connection, tx, runId, rows.Roles, RoleRow.From, seq, ct);
        await Errors.InsertAsync(connection, tx, runId, rows.Errors, CollectionErrorRow.From, seq, ct);
        await Notes.InsertAsync(connection, tx, runId, rows.Notes, CollectionNoteRow.From, seq, ct);
    }
}
