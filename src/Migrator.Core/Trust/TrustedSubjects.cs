namespace Migrator.Core.Trust;

/// <summary>
/// Lists, per OIDC provider an Allow statement trusts for sts:AssumeRoleWithWebIdentity, which subjects it admits:
/// exact service accounts, namespace wildcards, any service account, other patterns, or non-Kubernetes subjects.
/// Used to detect roles shared by several clusters and over-broad trust.
/// </summary>
public static class TrustedSubjects
{
    private const string SubjectPrefix = "system:serviceaccount:";

    public static IReadOnlyList<TrustedSubject> Of(TrustPolicy policy)
    {
        var result = new List<TrustedSubject>();
        foreach (var s in policy.Statements.Where(s => s.Effect == PolicyEffect.Allow && !s.IsNotPrincipal))
        {
            if (!TrustEvaluator.ActionApplies(s, IrsaRequest.Action))
                continue;
            foreach (var providerArn in s.Principals.Of("Federated"))
            {
                if (Trust.Issuer.FromProviderArn(providerArn) is not { } provider)
                    continue;
                var subs = Clauses(s, provider.Issuer, "sub");
                var audiences = Clauses(s, provider.Issuer, "aud")
                    .Where(c => !c.Operator.IsNegated && c.Operator.Kind is not ConditionOperatorKind.Null)
                    .SelectMany(c => c.Values).Distinct(StringComparer.Ordinal).ToList();
                var kubernetes = Trust.Issuer.IsEks(provider.Issuer)
                    || subs.SelectMany(c => c.Values).Any(v => v.StartsWith(SubjectPrefix, StringComparison.Ordinal));
                TrustedSubject Make(TrustedSubjectKind kind, string pattern, string? ns = null, string? sa = null) => new()
                {
                    ProviderArn = providerArn,
                    ProviderAccount = provider.Account,
                    Issuer = provider.Issuer,
                    Kind = kubernetes ? kind : TrustedSubjectKind.NonKubernetes,
                    Namespace = kubernetes ? ns : null,
                    ServiceAccount = kubernetes ? sa : null,
                    Pattern = pattern,
                    Audiences = audiences,
                    StatementIndex = s.Number,
                };

                // Positive clauses restrict the subject; with none, every subject of the issuer is admitted.
                var positive = subs.Where(c => !c.Operator.IsNegated && c.Operator.Kind is not ConditionOperatorKind.Null).ToList();
                if (positive.Count == 0)
                {
                    var negated = subs.Where(c => c.Operator.IsNegated).ToList();
                    result.Add(negated.Count == 0
                        ? Make(TrustedSubjectKind.AnyServiceAccount, "*")
                        : Make(TrustedSubjectKind.Pattern, string.Join("; ", negated.Select(c => $"{c.Operator.Name} [{string.Join(", ", c.Values)}]"))));
                    continue;
                }
                // Several positive clauses are AND-ed; the most restrictive one (the first) describes the subjects.
                var clause = positive.OrderBy(c => c.Operator.Kind is ConditionOperatorKind.StringEquals ? 0 : 1).First();
                var like = clause.Operator.Kind is ConditionOperatorKind.StringLike;
                foreach (var value in clause.Values)
                    result.Add(Classify(value, like, Make));
            }
        }
        return result;
    }

    private static TrustedSubject Classify(string value, bool like, Func<TrustedSubjectKind, string, string?, string?, TrustedSubject> make)
    {
        var wild = like && WildcardPattern.HasWildcard(value);
        if (like && (value == "*" || value == SubjectPrefix + "*" || value == SubjectPrefix + "*:*"))
            return make(TrustedSubjectKind.AnyServiceAccount, value, null, null);
        if (!value.StartsWith(SubjectPrefix, StringComparison.Ordinal))
            return make(TrustedSubjectKind.Pattern, value, null, null);
        var parts = value[SubjectPrefix.Length..].Split(':');
        if (parts.Length != 2)
            return make(TrustedSubjectKind.Pattern, value, null, null);
        var (ns, sa) = (parts[0], parts[1]);
        if (!wild)
            return make(TrustedSubjectKind.ExactServiceAccount, value, ns, sa);
        if (sa == "*" && !WildcardPattern.HasWildcard(ns))
            return make(TrustedSubjectKind.NamespaceWildcard, value, ns, null);
        return make(TrustedSubjectKind.Pattern, value, WildcardPattern.HasWildcard(ns) ? null : ns, null);
    }

    /// <summary>Clauses on ISSUER:claim (keys compare case-insensitively).</summary>
    internal static List<ConditionClause> Clauses(TrustStatement s, string issuer, string claim) =>
        s.Conditions.Where(c => string.Equals(c.Key, $"{issuer}:{claim}", StringComparison.OrdinalIgnoreCase)).ToList();
}
