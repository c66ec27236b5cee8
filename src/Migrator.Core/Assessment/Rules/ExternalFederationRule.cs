using Migrator.Core.Assessment.TrustSeam;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// Subjects of the role's trust whose issuer is not an inventoried cluster (other clusters, other accounts' providers,
/// non-EKS issuers such as GitHub Actions) need IRSA federation to stay. By default the binding KeepIrsa (issue #5);
/// since the migration keeps other issuers' statements (DOMAIN.md), Assessment:ExternalFederationKeepsBindingOnIrsa=false
/// lets the binding move while the ROLE keeps that trust (Coordinate).
/// </summary>
internal sealed class ExternalFederationRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.RoleTrust is not { } trust || b.Arn is null) yield break;
        var external = trust.Subjects
            .Where(s => s.Kind == SubjectKind.NonKubernetes || b.Estate.ClusterWithIssuer(s.Issuer) is null)
            .OrderBy(s => s.StatementIndex).ThenBy(s => s.Issuer, StringComparer.Ordinal)
            .ToList();
        if (external.Count == 0) yield break;
        var items = external.Select(s => $"statement {s.StatementIndex} trusts {Describe(s)} via {s.ProviderArn} (account {s.ProviderAccount}), pattern '{s.Pattern}'");
        var evidence = $"role {b.Arn.Value}: {BindingContext.List(items)}; none of these issuers belongs to an inventoried cluster";
        if (b.Settings.ExternalFederationKeepsBindingOnIrsa)
        {
            yield return new Finding(ReasonCodes.ExternalFederation,
                "The role is trusted by OIDC issuers outside the migration",
                evidence,
                "Keep IRSA for this binding. To move it anyway set Assessment:ExternalFederationKeepsBindingOnIrsa=false: the migration only removes this cluster's subject and keeps the other issuers' statements.");
            yield break;
        }
        yield return new Finding(ReasonCodes.ExternalFederationRoleKeepsIrsa,
            "The role keeps IRSA trust for issuers outside the migration",
            evidence,
            "Migrate this binding but keep the other issuers' statements (the rewrite removes only this cluster's subject); tell the owners of those issuers the role is shared.");
    }

    private static string Describe(TrustSubjectView s) => s.Kind == SubjectKind.NonKubernetes
        ? $"non-EKS issuer {s.Issuer}"
        : Issuers.IsEks(s.Issuer) ? $"EKS issuer {s.Issuer} of a cluster not in the inventory" : $"non-EKS issuer {s.Issuer}";
}
