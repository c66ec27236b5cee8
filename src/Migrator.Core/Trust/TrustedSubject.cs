namespace Migrator.Core.Trust;

/// <summary>
/// A subject an OIDC provider may present and an Allow statement admits (before any Deny). <see cref="Pattern"/> is
/// the :sub value as written ("*" when the statement has no :sub condition); <see cref="Audiences"/> are the :aud
/// values required (empty: any audience). <see cref="StatementIndex"/> is the 1-based statement number.
/// </summary>
public sealed record TrustedSubject
{
    public required string ProviderArn { get; init; }
    public required string ProviderAccount { get; init; }
    public required string Issuer { get; init; }
    public required TrustedSubjectKind Kind { get; init; }
    public string? Namespace { get; init; }
    public string? ServiceAccount { get; init; }
    public required string Pattern { get; init; }
    public IReadOnlyList<string> Audiences { get; init; } = [];
    public required int StatementIndex { get; init; }
}
