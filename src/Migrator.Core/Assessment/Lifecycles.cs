using Migrator.Core.Assessment.TrustSeam;

namespace Migrator.Core.Assessment;

/// <summary>
/// Places an identity on its lifecycle (<see cref="IdentityLifecycle"/>): no association is IRSA; an association with
/// pods still on IRSA, or next to an IRSA path that still works, is the cut-over (both); otherwise the identity runs on
/// Pod Identity, with or without IRSA leftovers to clean up.
/// </summary>
internal static class Lifecycles
{
    public static IdentityLifecycle Of(BindingContext b)
    {
        if (b.Associations.Count == 0)
            return IdentityLifecycle.Irsa;
        if (!b.RunsOnPodIdentity || (b.Annotated && IrsaPathOpen(b)))
            return IdentityLifecycle.CutOver;
        return b.Leftovers.Count > 0 ? IdentityLifecycle.CleanupPending : IdentityLifecycle.PodIdentity;
    }

    /// <summary>
    /// The annotation still works: its role exists and trusts this ServiceAccount through the cluster's issuer. Unknown
    /// (role unread, trust unparsed, issuer unknown) counts as open: the identity is not called cleaned up on a guess.
    /// </summary>
    public static bool IrsaPathOpen(BindingContext b)
    {
        if (b.Arn is null)
            return false;
        if (b.Role is { Exists: false })
            return false;
        if (b.Issuer is null || b.RoleTrust is not { } trust)
            return true;
        return IrsaAdmits(trust, b.Arn, b);
    }

    public static bool IrsaAdmits(IRoleTrust trust, RoleArn role, BindingContext b) =>
        b.Issuer is { } issuer
        && trust.EvaluateIrsa(new IrsaQuery(role.Partition, role.AccountId, issuer, b.Key.Namespace, b.Key.ServiceAccount, b.Audience)).Allowed;
}
