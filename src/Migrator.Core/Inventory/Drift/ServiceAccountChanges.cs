namespace Migrator.Core.Inventory.Drift;

/// <summary>
/// The IRSA bindings (annotated ServiceAccounts) of two runs that differ: those of the previous run with no binding of
/// the same key and annotations in the current one (removed or changed), and those of the current run with none in the
/// previous (added or changed). What drift compares of the bindings, without either run's every ServiceAccount:
/// unchanged bindings give no drift.
/// </summary>
public sealed record ServiceAccountChanges(IReadOnlyList<ServiceAccountRecord> Previous, IReadOnlyList<ServiceAccountRecord> Current)
{
    /// <summary>The changes of two runs held whole (what a store finds reading the runs one row at a time).</summary>
    public static ServiceAccountChanges Of(InventorySnapshot previous, InventorySnapshot current)
    {
        var before = previous.IrsaBindings.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.ToList());
        var after = current.IrsaBindings.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.ToList());
        bool Same(ServiceAccountRecord a, ServiceAccountRecord b) =>
            a.Annotations.Count == b.Annotations.Count && a.Annotations.All(kv => b.Annotations.TryGetValue(kv.Key, out var v) && v == kv.Value);
        bool Unchanged(BindingKey key, Dictionary<BindingKey, List<ServiceAccountRecord>> other, ServiceAccountRecord sa) =>
            other.TryGetValue(key, out var list) && list.Any(o => Same(o, sa));
        return new ServiceAccountChanges(
            [.. previous.IrsaBindings.Where(sa => !Unchanged(sa.Key, after, sa))],
            [.. current.IrsaBindings.Where(sa => !Unchanged(sa.Key, before, sa))]);
    }

    /// <summary>The two runs with these ServiceAccounts in place of their own, for <see cref="InventoryDrift.Compare"/>.</summary>
    public (InventorySnapshot Previous, InventorySnapshot Current) Apply(InventorySnapshot previous, InventorySnapshot current) =>
        (previous with { ServiceAccounts = Previous }, current with { ServiceAccounts = Current });
}
