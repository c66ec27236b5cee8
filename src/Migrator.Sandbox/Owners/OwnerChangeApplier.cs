using Migrator.Core.Ownership.ChangeSets;

namespace Migrator.Sandbox;

/// <summary>
/// Plays the owner (Terraform, eksctl, CloudFormation, Helm, Argo CD, Flux) applying a change-set the Migrator wrote:
/// the change.json says the live state the owner's apply produces. <c>revert</c> plays the owner putting back what its
/// configuration said before (a `terraform apply` of a configuration that never took the change, a Helm upgrade or
/// GitOps sync with the old values): the trust document from before, the association dropped, the annotations back.
/// </summary>
public static class OwnerChangeApplier
{
    /// <summary>Applies (or reverts) one change; returns what changed, in one line.</summary>
    public static string Apply(Estate estate, OwnerChange change, bool revert, DateTimeOffset now)
    {
        if (change.Format != OwnerChange.CurrentFormat)
            throw new InvalidOperationException($"change format '{change.Format}' is not {OwnerChange.CurrentFormat}; write the change-set again with this Migrator");
        var who = $"{change.Owner.Display}{(revert ? " (revert)" : "")}";
        if (change.Trust is { } trust)
        {
            var role = estate.FindRole(trust.RoleArn) ?? throw new InvalidOperationException($"role {trust.RoleArn} is not in the sandbox estate");
            role.TrustPolicy = revert ? trust.Before : trust.Document;
            return $"{who}: trust policy of {trust.RoleArn} {(revert ? "put back as before" : "updated")}";
        }
        if (change.Association is { } a)
        {
            var cluster = ClusterOf(estate, a.Cluster);
            var present = a.Present != revert;
            var existing = cluster.FindAssociation(a.Namespace, a.ServiceAccount);
            if (present)
            {
                if (existing is not null)
                    return existing.RoleArn == a.RoleArn ? $"{who}: association {a.Namespace}/{a.ServiceAccount} already declared" : throw new InvalidOperationException($"{a.Namespace}/{a.ServiceAccount} on {a.Cluster} has an association to {existing.RoleArn}: EKS would refuse the owner's create (409)");
                var association = new PodIdentityAssociation
                {
                    AssociationId = "a-" + StableId.FromAlphabet($"owner-association/{a.Cluster}/{a.Namespace}/{a.ServiceAccount}/{now.UtcTicks}", 17, "abcdefghijklmnopqrstuvwxyz0123456789"),
                    Namespace = a.Namespace,
                    ServiceAccount = a.ServiceAccount,
                    RoleArn = a.RoleArn,
                    CreatedAt = now,
                    ModifiedAt = now,
                };
                cluster.PodIdentityAssociations.Add(association);
                return $"{who}: association {a.Namespace}/{a.ServiceAccount} -> {a.RoleArn} created ({association.AssociationId})";
            }
            if (existing is null || existing.RoleArn != a.RoleArn)
                return $"{who}: no association {a.Namespace}/{a.ServiceAccount} -> {a.RoleArn} to delete";
            cluster.PodIdentityAssociations.Remove(existing);
            return $"{who}: association {a.Namespace}/{a.ServiceAccount} deleted";
        }
        if (change.Annotations is { } n)
        {
            var cluster = ClusterOf(estate, n.Cluster);
            var sa = cluster.FindServiceAccount(n.Namespace, n.ServiceAccount) ?? throw new InvalidOperationException($"ServiceAccount {n.Namespace}/{n.ServiceAccount} is not in cluster {n.Cluster}");
            if (revert)
            {
                foreach (var key in n.Set.Keys)
                    sa.Annotations.Remove(key);
                foreach (var (key, value) in n.Before.Where(kv => n.Remove.Contains(kv.Key)))
                    sa.Annotations[key] = value;
            }
            else
            {
                foreach (var key in n.Remove)
                    sa.Annotations.Remove(key);
                foreach (var (key, value) in n.Set)
                    sa.Annotations[key] = value;
            }
            sa.AnnotationsUpdatedAt = now;
            sa.ResourceVersion = cluster.NextResourceVersion();
            return $"{who}: annotations of ServiceAccount {n.Namespace}/{n.ServiceAccount} on {cluster.Name} {(revert ? "put back" : "updated")}";
        }
        throw new InvalidOperationException("the change names no trust policy, association or annotations");
    }

    private static Cluster ClusterOf(Estate estate, string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 && estate.FindCluster(parts[0], parts[1], parts[2]) is { } c ? c
            : throw new InvalidOperationException($"cluster {key} is not in the sandbox estate");
    }
}
