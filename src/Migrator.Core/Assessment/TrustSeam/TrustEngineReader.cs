using Migrator.Core.Trust;

namespace Migrator.Core.Assessment.TrustSeam;

/// <summary>The seam's one implementation: maps the trust engine (TEAM.md contract) onto what the rules need.</summary>
internal sealed class TrustEngineReader : ITrustReader
{
    public static TrustEngineReader Instance { get; } = new();

    public TrustRead Read(string document)
    {
        var parsed = TrustPolicyParser.Parse(document);
        if (!parsed.Success || parsed.Policy is null)
        {
            var errors = parsed.Errors.Select(e => e.Line is { } l ? $"{e.Message} (line {l}, column {e.Column})" : e.Message);
            return new TrustRead(null, string.Join("; ", errors));
        }
        return new TrustRead(new EngineTrust(parsed.Policy), null);
    }

    private sealed class EngineTrust(TrustPolicy policy) : IRoleTrust
    {
        public IReadOnlyList<TrustSubjectView> Subjects { get; } = TrustedSubjects.Of(policy).Select(s => new TrustSubjectView(
            s.ProviderArn, s.ProviderAccount, s.Issuer, Map(s.Kind), s.Namespace, s.ServiceAccount, s.Pattern, s.Audiences, s.StatementIndex)).ToList();

        public IrsaVerdict EvaluateIrsa(IrsaQuery q)
        {
            var d = TrustEvaluator.EvaluateIrsa(policy, new IrsaRequest(q.Partition, q.ProviderAccount, q.Issuer, q.Namespace, q.ServiceAccount, q.Audience));
            // Each explanation already names its statement ("statement 2 (Sid X) does not apply: ...").
            return new IrsaVerdict(d.Allowed, d.Summary, d.Statements.Select(s => s.Explanation).ToList());
        }

        private static SubjectKind Map(TrustedSubjectKind kind) => kind switch
        {
            TrustedSubjectKind.ExactServiceAccount => SubjectKind.ExactServiceAccount,
            TrustedSubjectKind.NamespaceWildcard => SubjectKind.NamespaceWildcard,
            TrustedSubjectKind.AnyServiceAccount => SubjectKind.AnyServiceAccount,
            TrustedSubjectKind.Pattern => SubjectKind.Pattern,
            _ => SubjectKind.NonKubernetes,
        };
    }
}
