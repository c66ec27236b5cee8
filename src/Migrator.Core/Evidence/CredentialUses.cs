using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Evidence;

/// <summary>Recorded uses, matched to a binding: its role and subject through its cluster's issuer (IRSA) or its cluster (Pod Identity).</summary>
public sealed class CredentialUses(IEnumerable<CredentialUse> uses)
{
    private readonly IReadOnlyList<CredentialUse> _uses = uses.DistinctBy(u => (u.Kind, u.EventId, u.Region)).OrderByDescending(u => u.Time).ToList();

    public IReadOnlyList<CredentialUse> All => _uses;

    /// <summary>AssumeRoleWithWebIdentity for the role by system:serviceaccount:NS:SA through the issuer (when the record names one), newest first.</summary>
    public IReadOnlyList<CredentialUse> WebIdentity(BindingKey key, string roleArn, string? issuerHostPath) => _uses
        .Where(u => u.Kind == CredentialUseKind.WebIdentity && u.Namespace == key.Namespace && u.ServiceAccount == key.ServiceAccount
            && SameRole(u, roleArn)
            && (u.Issuer is null || issuerHostPath is null || string.Equals(u.Issuer, issuerHostPath, StringComparison.OrdinalIgnoreCase)))
        .ToList();

    /// <summary>AssumeRoleForPodIdentity for NS/SA on the binding's cluster (for the role, when the record names it), newest first.</summary>
    public IReadOnlyList<CredentialUse> PodIdentity(BindingKey key, string? roleArn) => _uses
        .Where(u => u.Kind == CredentialUseKind.PodIdentity && u.Namespace == key.Namespace && u.ServiceAccount == key.ServiceAccount
            && u.ClusterName == key.Cluster.Name && (u.Region.Length == 0 || u.Region == key.Cluster.Region)
            && (roleArn is null || u.RoleName is null || SameRole(u, roleArn)))
        .ToList();

    /// <summary>Every use of a role by anyone, newest first (dead-role detection).</summary>
    public IReadOnlyList<CredentialUse> OfRole(string roleArn) => _uses.Where(u => SameRole(u, roleArn)).ToList();

    // Assumed-role ARNs drop the role's path, so roles are compared by account and name.
    private static bool SameRole(CredentialUse use, string roleArn) =>
        use.RoleName == RoleArns.NameOf(roleArn) && (use.RoleAccountId is null || use.RoleAccountId == RoleArns.AccountOf(roleArn));
}
