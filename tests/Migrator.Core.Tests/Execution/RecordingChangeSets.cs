using Migrator.Core.Inventory;
using Migrator.Core.Ownership.ChangeSets;
using Migrator.Core.Ports;

namespace Migrator.Core.Tests.Execution;

/// <summary>Keeps the change-sets the executor writes; <see cref="ApplyAll"/> plays their owners on a <see cref="FakeWorld"/>.</summary>
public sealed class RecordingChangeSets : IChangeSetWriter
{
    private readonly List<OwnerChangeSet> _written = [];
    private readonly HashSet<OwnerChangeSet> _applied = [];

    public IReadOnlyList<OwnerChangeSet> Written => _written;

    public Task<string> WriteAsync(OwnerChangeSet changeSet, CancellationToken ct)
    {
        _written.Add(changeSet);
        return Task.FromResult("/change-sets/" + changeSet.Directory);
    }

    /// <summary>The owners apply every change-set written and not yet applied (or revert them all); returns how many.</summary>
    public int ApplyAll(FakeWorld world, bool revert = false)
    {
        var pending = revert ? _written.ToList() : _written.Where(c => !_applied.Contains(c)).ToList();
        foreach (var set in pending)
        {
            Apply(world, set.Change, revert);
            _applied.Add(set);
        }
        return pending.Count;
    }

    public static void Apply(FakeWorld world, OwnerChange change, bool revert)
    {
        if (change.Trust is { } t)
            world.Trust[t.RoleArn] = revert ? t.Before : t.Document;
        if (change.Association is { } a)
        {
            world.Associations.RemoveAll(x => x.ClusterName == a.ClusterName && x.Namespace == a.Namespace && x.ServiceAccount == a.ServiceAccount);
            if (a.Present != revert)
            {
                world.Associations.Add(new AssociationDescription
                {
                    AssociationId = $"a-owner-{a.ClusterName}-{a.Namespace}-{a.ServiceAccount}",
                    AssociationArn = $"arn:aws:eks:{a.Region}:{TestEstate.Account}:podidentityassociation/{a.ClusterName}/a-owner",
                    ClusterName = a.ClusterName,
                    Namespace = a.Namespace,
                    ServiceAccount = a.ServiceAccount,
                    RoleArn = a.RoleArn,
                });
            }
        }
        if (change.Annotations is { } n)
        {
            var parts = n.Cluster.Split('/');
            var key = new BindingKey(new ClusterRef(parts[0], parts[1], parts[2]), n.Namespace, n.ServiceAccount);
            var annotations = world.Annotations[key];
            foreach (var k in revert ? n.Set.Keys : n.Remove)
                annotations.Remove(k);
            foreach (var (k, v) in revert ? n.Before.Where(kv => n.Remove.Contains(kv.Key)) : n.Set)
                annotations[k] = v;
        }
    }
}
