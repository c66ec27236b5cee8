namespace Migrator.Core.Inventory;

/// <summary>
/// The order reports and binding lists show identities in: account, region, cluster name, namespace, ServiceAccount,
/// each compared ordinally. The state file reads an assessment in this order from its unique index.
/// </summary>
public sealed class BindingOrder : IComparer<BindingKey>
{
    public static readonly BindingOrder Instance = new();

    public int Compare(BindingKey? x, BindingKey? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.CompareOrdinal(x.Cluster.AccountId, y.Cluster.AccountId);
        if (c == 0) c = string.CompareOrdinal(x.Cluster.Region, y.Cluster.Region);
        if (c == 0) c = string.CompareOrdinal(x.Cluster.Name, y.Cluster.Name);
        if (c == 0) c = string.CompareOrdinal(x.Namespace, y.Namespace);
        if (c == 0) c = string.CompareOrdinal(x.ServiceAccount, y.ServiceAccount);
        return c;
    }
}
