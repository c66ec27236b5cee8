namespace Migrator.Core.Trust;

/// <summary>
/// How the rewriter works. <see cref="Scoped"/>: scope the Pod Identity statement with session-tag conditions to
/// exactly the bindings (default) or add the plain statement. <see cref="SizeLimit"/>: the role trust policy quota in
/// characters as <see cref="TrustPolicySize"/> counts them.
/// </summary>
public sealed record TrustRewriteOptions
{
    public bool Scoped { get; init; } = true;
    public int SizeLimit { get; init; } = TrustPolicySize.DefaultLimit;
}
