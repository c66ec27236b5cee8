namespace Migrator.Core.Trust;

/// <summary>A request to assume the role: who asks (principal type and value), for which action, with which keys.</summary>
public sealed record TrustRequest(string PrincipalType, string Principal, string Action, RequestContext Context)
{
    public override string ToString() => $"{Action} by {PrincipalType} {Principal}";
}
