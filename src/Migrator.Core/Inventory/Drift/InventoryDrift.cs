using Migrator.Core.Trust;

namespace Migrator.Core.Inventory.Drift;

/// <summary>
/// Compares two inventory runs. Pure. Clusters that failed in either run (or whose account/region could not be
/// listed) are set aside as not compared, so a failed read never shows as removals.
/// </summary>
public static class InventoryDrift
{
    /// <param name="previous">The earlier run.</param>
    /// <param name="current">The later run.</param>
    /// <param name="toolChanges">What the tool's journal accounts for.</param>
    /// <param name="trustChanges">
    /// The roles whose existence or trust policy text differs (<see cref="TrustPolicyPair"/>), when the runs were read
    /// without their trust policies; null: compared from the runs' roles.
    /// </param>
    public static DriftReport Compare(InventorySnapshot previous, InventorySnapshot current, ToolChanges? toolChanges = null, IReadOnlyList<TrustPolicyPair>? trustChanges = null)
    {
        toolChanges ??= ToolChanges.None;
        var before = previous.Clusters.ToDictionary(c => c.Ref);
        var after = current.Clusters.ToDictionary(c => c.Ref);
        var notCompared = before.Values.Concat(after.Values)
            .Where(c => c.CollectionError is not null
                || (!after.ContainsKey(c.Ref) && ListingFailed(current, c.Ref))
                || (!before.ContainsKey(c.Ref) && ListingFailed(previous, c.Ref)))
            .Select(c => c.Ref)
            .ToHashSet();
        bool Compared(ClusterRef c) => !notCompared.Contains(c);

        var bindingsBefore = Bindings(previous, Compared);
        var bindingsAfter = Bindings(current, Compared);
        var added = bindingsAfter.Keys.Except(bindingsBefore.Keys).Select(k => New(bindingsAfter[k])).ToList();
        var removed = bindingsBefore.Keys.Except(bindingsAfter.Keys).Select(k => Gone(bindingsBefore[k])).ToList();
        var changed = bindingsAfter.Keys.Intersect(bindingsBefore.Keys)
            .Select(k => Changed(bindingsBefore[k], bindingsAfter[k]))
            .OfType<BindingDrift>()
            .ToList();

        // Clusters whose migration had started: they held associations other than add-on-owned ones.
        var migrated = previous.Associations.Where(a => a.OwnerArn is null).Select(a => a.Cluster).ToHashSet();
        var associatedNow = current.Associations.Select(a => new BindingKey(a.Cluster, a.Namespace, a.ServiceAccount)).ToHashSet();
        var regressions = added.Where(b => migrated.Contains(b.Key.Cluster) && !associatedNow.Contains(b.Key)).ToList();

        return new DriftReport
        {
            FromRunId = previous.RunId,
            ToRunId = current.RunId,
            ClustersAdded = Sorted(after.Keys.Except(before.Keys).Where(Compared)),
            ClustersRemoved = Sorted(before.Keys.Except(after.Keys).Where(Compared)),
            ClustersNotCompared = Sorted(notCompared),
            NewBindings = Ordered(added),
            RemovedBindings = Ordered(removed),
            ChangedBindings = Ordered(changed),
            Regressions = Ordered(regressions),
            Associations = CompareAssociations(previous, current, Compared, toolChanges),
            TrustPolicies = CompareTrust(trustChanges ?? TrustPolicyPair.Of(previous, current), toolChanges),
        };
    }

    private static bool ListingFailed(InventorySnapshot snapshot, ClusterRef cluster) =>
        snapshot.Errors.Any(e => (e.Scope == "region" && e.Target == $"{cluster.AccountId}/{cluster.Region}")
            || (e.Scope == "account" && e.Target == cluster.AccountId && e.Operation == "ListClusters"));

    private static Dictionary<BindingKey, ServiceAccountRecord> Bindings(InventorySnapshot s, Func<ClusterRef, bool> compared) =>
        s.IrsaBindings.Where(b => compared(b.Cluster))
            .GroupBy(b => b.Key)
            .ToDictionary(g => g.Key, g => g.First());

    private static BindingDrift New(ServiceAccountRecord sa) =>
        new(sa.Key, DriftKind.Added, null, sa.RoleArn, [.. sa.Annotations.Keys.Order(StringComparer.Ordinal)]);

    private static BindingDrift Gone(ServiceAccountRecord sa) =>
        new(sa.Key, DriftKind.Removed, sa.RoleArn, null, [.. sa.Annotations.Keys.Order(StringComparer.Ordinal)]);

    private static BindingDrift? Changed(ServiceAccountRecord before, ServiceAccountRecord after)
    {
        var keys = before.Annotations.Keys.Union(after.Annotations.Keys, StringComparer.Ordinal)
            .Where(k => before.Annotations.GetValueOrDefault(k) != after.Annotations.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        return keys.Count == 0 ? null : new BindingDrift(after.Key, DriftKind.Changed, before.RoleArn, after.RoleArn, keys);
    }

    private static List<AssociationDrift> CompareAssociations(InventorySnapshot previous, InventorySnapshot current, Func<ClusterRef, bool> compared, ToolChanges tool)
    {
        static Dictionary<BindingKey, AssociationRecord> Index(InventorySnapshot s, Func<ClusterRef, bool> compared) =>
            s.Associations.Where(a => compared(a.Cluster))
                .GroupBy(a => new BindingKey(a.Cluster, a.Namespace, a.ServiceAccount))
                .ToDictionary(g => g.Key, g => g.OrderBy(a => a.AssociationId, StringComparer.Ordinal).First());
        var before = Index(previous, compared);
        var after = Index(current, compared);
        var result = new List<AssociationDrift>();
        foreach (var key in after.Keys.Union(before.Keys))
        {
            var was = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            var byTool = tool.Associations.Contains(key);
            if (was is null) result.Add(new AssociationDrift(key, DriftKind.Added, null, now, [], byTool));
            else if (now is null) result.Add(new AssociationDrift(key, DriftKind.Removed, was, null, [], byTool));
            else if (ChangedFields(was, now) is { Count: > 0 } fields) result.Add(new AssociationDrift(key, DriftKind.Changed, was, now, fields, byTool));
        }
        return [.. result.OrderBy(a => a.Key, BindingKeyTextOrder.Instance)];
    }

    private static List<string> ChangedFields(AssociationRecord was, AssociationRecord now)
    {
        var fields = new List<string>();
        if (was.RoleArn != now.RoleArn) fields.Add("roleArn");
        if (was.TargetRoleArn != now.TargetRoleArn) fields.Add("targetRoleArn");
        if (was.DisableSessionTags != now.DisableSessionTags) fields.Add("disableSessionTags");
        if (was.OwnerArn != now.OwnerArn) fields.Add("ownerArn");
        if (was.AssociationId != now.AssociationId) fields.Add("associationId");
        return fields;
    }

    private static List<TrustPolicyDrift> CompareTrust(IReadOnlyList<TrustPolicyPair> pairs, ToolChanges tool)
    {
        var result = new List<TrustPolicyDrift>();
        foreach (var p in pairs.OrderBy(p => p.RoleArn, StringComparer.Ordinal))
        {
            var byTool = tool.RoleArns.Contains(p.RoleArn);
            if (p.PreviousExists && !p.CurrentExists) result.Add(new TrustPolicyDrift(p.RoleArn, DriftKind.Removed, p.PreviousDocument, null, byTool));
            else if (!p.PreviousExists && p.CurrentExists) result.Add(new TrustPolicyDrift(p.RoleArn, DriftKind.Added, null, p.CurrentDocument, byTool));
            else if (p.CurrentExists && !PolicyDocument.SameValue(p.PreviousDocument, p.CurrentDocument)) result.Add(new TrustPolicyDrift(p.RoleArn, DriftKind.Changed, p.PreviousDocument, p.CurrentDocument, byTool));
        }
        return result;
    }

    private static List<ClusterRef> Sorted(IEnumerable<ClusterRef> clusters) => [.. clusters.OrderBy(c => c.Key, StringComparer.Ordinal)];

    private static List<BindingDrift> Ordered(IEnumerable<BindingDrift> drifts) => [.. drifts.OrderBy(d => d.Key, BindingKeyTextOrder.Instance)];
}
