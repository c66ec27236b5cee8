namespace Migrator.Reports;

/// <summary>
/// Projects a role's recorded trust policy to what it becomes after the migration (Pod Identity trust added, the
/// migrated bindings' OIDC subjects removed). Pure: document in, document out.
/// </summary>
public interface ITrustPolicyProjection
{
    TrustProjection Project(string document, IReadOnlyList<TrustedBinding> bindings);
}

/// <summary>A binding whose trust moves: the cluster it runs in, its OIDC issuer (host/path) and its ServiceAccount.</summary>
public sealed record TrustedBinding(string ClusterArn, string Issuer, string Namespace, string ServiceAccount);

public sealed record TrustProjection(bool Success, string Document, IReadOnlyList<string> Warnings, string? Error);
