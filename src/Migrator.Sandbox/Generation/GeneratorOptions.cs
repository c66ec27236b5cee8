namespace Migrator.Sandbox;

/// <summary>Size and seed of a generated estate. The same options always give a byte-identical estate file.</summary>
public sealed class GeneratorOptions
{
    public int Clusters { get; set; } = 8;
    /// <summary>
    /// Application ServiceAccounts with IRSA or none across all clusters. On top: add-on and default ServiceAccounts,
    /// and 5 per full 100 (at least 5) already on Pod Identity without annotation (2 healthy, 3 with a planted Pod
    /// Identity failure), planted last so the rest of the estate is the same as without them.
    /// </summary>
    public int ServiceAccounts { get; set; } = 200;
    public int Seed { get; set; } = 1;
    /// <summary>Commercial-partition accounts (a China account is added when the China cluster fits); default from the cluster count.</summary>
    public int? Accounts { get; set; }

    /// <summary>
    /// Target number of application IRSA roles: the roles made for application ServiceAccounts (each account's access,
    /// cluster and node roles, the add-on roles and Pod-Identity-only roles come on top). Null: about one role per
    /// ServiceAccount, exactly as without this option. When set, the ServiceAccounts that fill the estate after the
    /// planted conditions (spread over the clusters as without this option) share roles as real estates do on standard
    /// clusters: fleet apps (one ServiceAccount in several standard clusters of one account, one trust statement per
    /// cluster) and team roles (several ServiceAccounts of one namespace, one statement listing them). The count lands
    /// near the target (within a few percent from 1,000 ServiceAccounts).
    /// A target out of reach is clamped, not refused. Above the number of ServiceAccounts with IRSA every filler
    /// ServiceAccount gets its own role. Below the floor the estate gets the fewest roles it can; the floor is the
    /// planted conditions' roles (about 17 per 100 ServiceAccounts), one per ServiceAccount of a special cluster (old,
    /// China, Auto Mode, agent-less: the cluster decides those bindings' category, so they keep SimpleIrsa), and the
    /// standard clusters' groups at their largest (no trust policy exceeds IAM's default 2,048 characters): about a
    /// fifth of the ServiceAccounts in large estates, more where special clusters are many of few.
    /// <see cref="GeneratedEstate.ApplicationRoles"/> tells what came out. Must be at least 1.
    /// </summary>
    public int? Roles { get; set; }

    /// <summary>
    /// Marks roles and ServiceAccounts with their owners' metadata (<see cref="OwnerMarks"/>): most roles Terraform
    /// (tag managed-by=terraform) or eksctl, most ServiceAccounts Helm or Argo CD. Off by default: planted after
    /// everything else and drawn from names, not from the seeded sequence, so an estate with owners is the estate without
    /// them plus tags, labels and annotations.
    /// </summary>
    public bool Owners { get; set; }
}
