namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// The token audience (annotation eks.amazonaws.com/audience, default sts.amazonaws.com) must be a client ID of the
/// provider and must satisfy the trust's aud condition, else "InvalidIdentityToken: Incorrect token audience".
/// </summary>
internal sealed class AudienceMismatchRule : IAssessmentRule
{
    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        if (b.Arn is null || b.Issuer is null) yield break;
        var problems = new List<string>();
        var provider = b.Estate.ProvidersIn(b.Arn.AccountId).FirstOrDefault(p => Issuers.SameIssuer(p.Url, b.Issuer));
        if (provider is not null && provider.ClientIds.Count > 0 && !provider.ClientIds.Contains(b.Audience, StringComparer.Ordinal))
            problems.Add($"provider {provider.Arn} accepts client IDs [{string.Join(", ", provider.ClientIds)}]");
        if (b.RoleTrust is { } trust)
        {
            var forIssuer = trust.Subjects
                .Where(s => Issuers.SameIssuer(s.Issuer, b.Issuer) && s.Audiences.Count > 0)
                .Where(s => !s.Audiences.Contains(b.Audience, StringComparer.Ordinal))
                .ToList();
            var admitting = trust.Subjects.Any(s => Issuers.SameIssuer(s.Issuer, b.Issuer) && (s.Audiences.Count == 0 || s.Audiences.Contains(b.Audience, StringComparer.Ordinal)));
            if (forIssuer.Count > 0 && !admitting)
                problems.AddRange(forIssuer.Select(s => $"trust statement {s.StatementIndex} requires {b.Issuer}:aud in [{string.Join(", ", s.Audiences)}]"));
        }
        if (problems.Count == 0) yield break;
        yield return new Finding(ReasonCodes.AudienceMismatch,
            "The token audience is not accepted",
            $"{b.Key.Display} requests audience '{b.Audience}' but {string.Join("; ", problems)}; STS answers 'InvalidIdentityToken: Incorrect token audience'",
            "Align the eks.amazonaws.com/audience annotation, the provider's client IDs and the trust policy's aud condition (normally sts.amazonaws.com); Pod Identity does not use audiences.");
    }
}
