using Migrator.Core.Inventory;
using Migrator.Core.Progress;

namespace Migrator.Storage.Progress;

/// <summary>A row of migration_scope_members (migration 006), as written; the store reads members by column ordinal.</summary>
internal sealed class ScopeMemberRow
{
    public long Id { get; set; }
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    public string ClusterName { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string ServiceAccount { get; set; } = "";
    public string Origin { get; set; } = "";
    public string? PlanId { get; set; }
    public long FromRunId { get; set; }
    public string AddedAt { get; set; } = "";
    public string AddedBy { get; set; } = "";
    public string? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
    public string? RemovalReason { get; set; }
    public long? UntilRunId { get; set; }

    public static ScopeMemberRow From(ScopeMember m) => new()
    {
        AccountId = m.Key.Cluster.AccountId,
        Region = m.Key.Cluster.Region,
        ClusterName = m.Key.Cluster.Name,
        Namespace = m.Key.Namespace,
        ServiceAccount = m.Key.ServiceAccount,
        Origin = m.Origin.ToString(),
        PlanId = m.PlanId,
        FromRunId = m.FromRunId,
        AddedAt = StorageFormat.Time(m.AddedAt),
        AddedBy = m.AddedBy,
        RemovedAt = StorageFormat.Time(m.RemovedAt),
        RemovedBy = m.RemovedBy,
        RemovalReason = m.RemovalReason,
        UntilRunId = m.UntilRunId,
    };
}
