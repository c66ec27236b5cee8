namespace Migrator.Core.Trust;

/// <summary>
/// How the rewriter works. <see cref="Scoped"/>: scope the Pod Identity statement with session-tag conditions (default)
/// or add the plain statement. <see cref="Widest"/>: the widest scope the rewrite may use for new bindings when the
/// exact scope does not fit (exact only by default; see <see cref="TrustWidening"/>); for removal, the widest scope
/// the bindings were added at. <see cref="SizeLimit"/>: the role trust policy quota in characters as
/// <see cref="TrustPolicySize"/> counts them.
/// </summary>
public sealed record TrustRewriteOptions
{
    public bool Scoped { get; init; } = true;
    public PodIdentityScope Widest { get; init; } = PodIdentityScope.ServiceAccount;
    public int SizeLimit { get; init; } = TrustPolicySize.DefaultLimit;
}
