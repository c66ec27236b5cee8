using Migrator.Core.Trust;

namespace Migrator.Reports;

/// <summary>
/// The trust policy after migration, as the executor will write it: the scoped Pod Identity statement added for the
/// moving bindings (cut-over), then each binding's OIDC subject removed (cleanup). Uses the trust engine's rewriter on
/// the document recorded in the snapshot; a refusal (size limit, wildcard subject) is reported, not hidden.
/// </summary>
public sealed class RewriterTrustProjection(int sizeLimit = TrustPolicySize.DefaultLimit) : ITrustPolicyProjection
{
    public TrustProjection Project(string document, IReadOnlyList<TrustedBinding> bindings)
    {
        var options = new TrustRewriteOptions { Scoped = true, SizeLimit = sizeLimit };
        var warnings = new List<string>();
        var added = TrustPolicyRewriter.AddPodIdentityTrust(
            document, bindings.Select(b => new PodIdentityBinding(b.ClusterArn, b.Namespace, b.ServiceAccount)).ToList(), options);
        warnings.AddRange(added.Warnings);
        if (!added.Success)
            return new TrustProjection(false, document, warnings, "adding the Pod Identity trust: " + added.Error);
        var current = added.Document;
        foreach (var b in bindings.Where(b => b.Issuer.Length > 0))
        {
            var removed = TrustPolicyRewriter.RemoveIrsaSubject(current, b.Issuer, b.Namespace, b.ServiceAccount, options);
            warnings.AddRange(removed.Warnings);
            if (!removed.Success)
                return new TrustProjection(false, current, warnings, $"removing the IRSA subject of {b.Namespace}/{b.ServiceAccount}: {removed.Error}");
            current = removed.Document;
        }
        return new TrustProjection(true, current, warnings.Distinct().ToList(), null);
    }
}
