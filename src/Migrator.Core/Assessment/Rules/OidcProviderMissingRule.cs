namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// IRSA needs an IAM OIDC provider for the cluster's issuer in the ROLE's account, else STS answers
/// "InvalidIdentityToken: No OpenIDConnect provider found" (DOMAIN.md). Checked only for accounts whose providers were listed.
/// </summary>
internal sealed class OidcProviderMissingRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null || b.Cluster is null || b.Role is { Exists: false }) yield break;
        if (b.Issuer is null)
        {
            yield return new Finding(ReasonCodes.OidcProviderMissing,
                "The cluster has no OIDC issuer, so IRSA cannot work",
                $"{BindingContext.Describe(b.Key.Cluster)} reports no identity.oidc.issuer",
                "IRSA never worked here: move the workload straight to Pod Identity after fixing its credentials, or drop the annotation.");
            yield break;
        }
        if (!b.Estate.ProvidersKnownFor(b.Arn.AccountId)) yield break;
        if (b.Estate.ProvidersIn(b.Arn.AccountId).Any(p => Issuers.SameIssuer(p.Url, b.Issuer))) yield break;
        var present = b.Estate.ProvidersIn(b.Arn.AccountId).Select(p => p.Url).Order(StringComparer.Ordinal).ToList();
        yield return new Finding(ReasonCodes.OidcProviderMissing,
            "No IAM OIDC provider for the cluster's issuer in the role's account",
            $"account {b.Arn.AccountId} (role {b.Arn.Name}) has no IAM OIDC provider for issuer {b.Issuer} of {BindingContext.Describe(b.Key.Cluster)}; "
            + $"providers present: {(present.Count == 0 ? "none" : BindingContext.List(present))}; STS answers 'InvalidIdentityToken: No OpenIDConnect provider found'",
            $"IRSA is broken today. Either create the provider (eksctl utils associate-iam-oidc-provider) or migrate this binding to Pod Identity, which needs no provider.");
    }
}
