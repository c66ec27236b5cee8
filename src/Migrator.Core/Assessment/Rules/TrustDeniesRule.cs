using Migrator.Core.Assessment.TrustSeam;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// The role's trust must admit system:serviceaccount:NS:SA from this cluster's issuer, else
/// "AccessDenied ... sts:AssumeRoleWithWebIdentity". When the denial is only about the audience, the audience rule reports it.
/// </summary>
internal sealed class TrustDeniesRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null || b.Issuer is null || b.Role is not { Exists: true }) yield break;
        if (b.Trust is { Trust: null, Error: { } error })
        {
            yield return new Finding(ReasonCodes.TrustUnparsed,
                "The trust policy could not be parsed; the trust check was skipped",
                $"trust policy of {b.Arn.Value}: {error}",
                "Inspect the role's trust policy (migrator trust explain) before migrating.");
            yield break;
        }
        if (b.RoleTrust is not { } trust) yield break;
        var query = new IrsaQuery(b.Arn.Partition, b.Arn.AccountId, b.Issuer, b.Key.Namespace, b.Key.ServiceAccount, b.Audience);
        var verdict = trust.EvaluateIrsa(query);
        if (verdict.Allowed) yield break;
        var trustAudiences = trust.Subjects.Where(s => Issuers.SameIssuer(s.Issuer, b.Issuer)).SelectMany(s => s.Audiences).Distinct(StringComparer.Ordinal);
        if (trustAudiences.Any(a => a != b.Audience && trust.EvaluateIrsa(query with { Audience = a }).Allowed)) yield break;
        var lines = verdict.Statements.Count == 0 ? "" : " | " + string.Join(" | ", verdict.Statements);
        yield return new Finding(ReasonCodes.TrustDenies,
            "The role's trust policy does not admit this ServiceAccount",
            $"AssumeRoleWithWebIdentity for system:serviceaccount:{b.Key.Namespace}:{b.Key.ServiceAccount} from issuer {b.Issuer} "
            + $"(provider account {b.Arn.AccountId}) on role {b.Arn.Value}: {verdict.Summary}{lines}",
            "IRSA is broken today. Fix the trust statement's sub/provider (or the annotation) first, or migrate straight to Pod Identity with a scoped pods.eks.amazonaws.com statement.");
    }
}
