using Migrator.Core.Inventory;
using Migrator.Core.Planning;

namespace Migrator.Core.Evidence;

/// <summary>
/// Recorded uses, matched to a binding: its role and subject through its cluster's issuer (IRSA) or its cluster (Pod
/// Identity). Indexed by namespace and ServiceAccount: an inventory matches every binding of the estate against every
/// use of its window (20,000 bindings and 300,000 uses took hours scanned one by one).
/// </summary>
public sealed class CredentialUses
{
    private readonly IReadOnlyList<CredentialUse> _uses;
    private readonly Dictionary<(string?, string?), List<CredentialUse>> _bySubject;

    public CredentialUses(IEnumerable<CredentialUse> uses)
    {
        _uses = uses.DistinctBy(u => (u.Kind, u.EventId, u.Region)).OrderByDescending(u => u.Time).ToList();
        _bySubject = [];
        foreach (var use in _uses)
        {
            if (!_bySubject.TryGetValue((use.Namespace, use.ServiceAccount), out var list))
                _bySubject[(use.Namespace, use.ServiceAccount)] = list = [];
            list.Add(use);
        }
    }

    public IReadOnlyList<CredentialUse> All => _uses;

    // Newest first, as _uses is.
    private List<CredentialUse> Of(BindingKey key) => _bySubject.GetValueOrDefault((key.Namespace, key.ServiceAccount)) ?? [];

    /// <summary>AssumeRoleWithWebIdentity for the role by system:serviceaccount:NS:SA through the issuer (when the record names one), newest first.</summary>
    public IReadOnlyList<CredentialUse> WebIdentity(BindingKey key, string roleArn, string? issuerHostPath) => Of(key)
        .Where(u => u.Kind == CredentialUseKind.WebIdentity && u.Namespace == key.Namespace && u.ServiceAccount == key.ServiceAccount
            && SameRole(u, roleArn)
            && (u.Issuer is null || issuerHostPath is null || string.Equals(u.Issuer, issuerHostPath, StringComparison.OrdinalIgnoreCase)))
        .ToList();

    /// <summary>AssumeRoleForPodIdentity for NS/SA on the binding's cluster (for the role, when the record names it), newest first.</summary>
    public IReadOnlyList<CredentialUse> PodIdentity(BindingKey key, string? roleArn) => Of(key)
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
