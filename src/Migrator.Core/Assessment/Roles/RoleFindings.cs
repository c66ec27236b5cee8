using Migrator.Core.Inventory;
using Migrator.Core.Assessment.TrustSeam;

namespace Migrator.Core.Assessment.Roles;

/// <summary>
/// The role view: roles shared by several bindings or clusters, and over-broad IRSA trust (security findings):
/// a subject with no sub condition (any ServiceAccount of the issuer), StringLike wildcards on sub, no aud condition.
/// </summary>
internal static class RoleFindings
{
    /// <summary>Findings about roles annotated more than once, by role.</summary>
    public static IEnumerable<RoleFinding> Shared(EstateWide estate)
    {
        foreach (var group in estate.BindingsByRole.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var bindings = group.OrderBy(s => s.Cluster.Key, StringComparer.Ordinal).ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            var clusters = bindings.Select(s => s.Cluster).Distinct().ToList();
            // The same namespace/name in several clusters is one workload deployed twice: multi-cluster, not shared.
            if (bindings.Select(s => (s.Namespace, s.Name)).Distinct().Count() > 1)
            {
                yield return new RoleFinding(group.Key, ReasonCodes.RoleShared, ReasonSeverity.Warning,
                    $"Role shared by {bindings.Count} ServiceAccounts",
                    $"annotated on {BindingContext.List(bindings.Select(s => s.Key.ToString()), 10)}",
                    "Migrate these bindings as one coordination group: one trust edit per role, never concurrent writes.");
            }
            if (clusters.Count > 1)
            {
                yield return new RoleFinding(group.Key, ReasonCodes.RoleMultiCluster, ReasonSeverity.Warning,
                    $"Role used from {clusters.Count} clusters",
                    $"clusters {BindingContext.List(clusters.Select(c => c.Key).Order(StringComparer.Ordinal), 10)}",
                    "Keep every cluster's OIDC statement until that cluster's bindings are migrated and soaked.");
            }
        }

    }

    /// <summary>The roles whose trust is judged: those annotated by exact ARN, by ARN.</summary>
    public static IReadOnlyList<RoleRecord> TrustJudged(EstateWide estate)
    {
        var referenced = estate.Facts.AnnotatedRoleArns.ToHashSet(StringComparer.Ordinal);
        return [.. estate.Facts.Roles.Where(r => referenced.Contains(r.Arn)).OrderBy(r => r.Arn, StringComparer.Ordinal)];
    }

    /// <summary>Over-broad trust findings of the roles given (each role's trust read once), in their order.</summary>
    public static IEnumerable<RoleFinding> Trust(EstateWide estate, IEnumerable<RoleRecord> roles)
    {
        foreach (var role in roles)
        {
            if (estate.TrustOnce(role)?.Trust is not { } trust) continue;
            foreach (var s in trust.Subjects.Where(s => s.Kind != SubjectKind.NonKubernetes).OrderBy(s => s.StatementIndex).ThenBy(s => s.Pattern, StringComparer.Ordinal))
            {
                var where = $"statement {s.StatementIndex} trusts issuer {s.Issuer} (provider {s.ProviderArn})";
                switch (s.Kind)
                {
                    case SubjectKind.AnyServiceAccount:
                        yield return new RoleFinding(role.Arn, ReasonCodes.SecurityAnySubject, ReasonSeverity.Blocker,
                            "Trust admits any ServiceAccount of the cluster",
                            $"{where} with sub '{s.Pattern}' (no or fully wildcarded sub condition)",
                            "Restrict the sub condition to system:serviceaccount:NAMESPACE:NAME with StringEquals; the migration replaces it with a scoped Pod Identity statement.");
                        break;
                    case SubjectKind.NamespaceWildcard or SubjectKind.Pattern:
                        yield return new RoleFinding(role.Arn, ReasonCodes.SecurityWildcardSubject, ReasonSeverity.Warning,
                            "Trust uses a wildcard subject",
                            $"{where} with StringLike sub '{s.Pattern}'",
                            "Replace the wildcard with the exact ServiceAccounts (StringEquals); scope the Pod Identity statement by namespace and service-account tags.");
                        break;
                }
                if (s.Audiences.Count == 0)
                {
                    yield return new RoleFinding(role.Arn, ReasonCodes.SecurityMissingAudience, ReasonSeverity.Warning,
                        "Trust has no aud condition",
                        $"{where} without an {s.Issuer}:aud condition",
                        $"Add StringEquals {s.Issuer}:aud = sts.amazonaws.com.");
                }
            }
        }
    }
}
