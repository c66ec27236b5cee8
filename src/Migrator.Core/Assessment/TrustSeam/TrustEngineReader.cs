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
        return new TrustRead(new EngineTrust(parsed.Policy.ForDecisions()), null);
    }

    private sealed class EngineTrust(TrustPolicy policy) : IRoleTrust
    {
        public IReadOnlyList<TrustSubjectView> Subjects { get; } = TrustedSubjects.Of(policy).Select(s => new TrustSubjectView(
            s.ProviderArn, s.ProviderAccount, s.Issuer, Map(s.Kind), s.Namespace, s.ServiceAccount, s.Pattern, s.Audiences, s.StatementIndex)).ToList();

        // The verdicts are decided without explanations (TrustEvaluator.Allows); the explained decision, which the
        // property tests hold equal to it, is made only when a rule reads why.
        public IrsaVerdict EvaluateIrsa(IrsaQuery q)
        {
            var request = new IrsaRequest(q.Partition, q.ProviderAccount, q.Issuer, q.Namespace, q.ServiceAccount, q.Audience);
            return new IrsaVerdict(TrustEvaluator.Allows(policy, request.ToTrustRequest()), () =>
            {
                var d = TrustEvaluator.EvaluateIrsa(policy, request);
                // Each explanation already names its statement ("statement 2 (Sid X) does not apply: ...").
                return (d.Summary, d.Statements.Select(s => s.Explanation).ToList());
            });
        }

        public TrustVerdict EvaluatePodIdentity(PodIdentityQuery q)
        {
            var request = new PodIdentityRequest(q.ClusterArn, q.Namespace, q.ServiceAccount) { SessionTags = q.SessionTags };
            return new TrustVerdict(TrustEvaluator.AllowsPodIdentity(policy, request), () =>
            {
                var d = TrustEvaluator.EvaluatePodIdentity(policy, request);
                return d.Allowed ? d.Summary : $"{d.Summary} | {Explain(d.AssumeRole)} | {Explain(d.TagSession)}";
            });
        }

        public TrustVerdict EvaluateRoleChain(RoleChainQuery q)
        {
            // The source role asks as itself; a trust naming its account root admits it too (IAM user guide, "Principal").
            var principals = new List<string> { q.SourceRoleArn };
            if (ArnParts.TryParse(q.SourceRoleArn, out var source))
                principals.Add($"arn:{source.Partition}:iam::{source.Account}:root");
            var association = new PodIdentityRequest(q.Association.ClusterArn, q.Association.Namespace, q.Association.ServiceAccount) { SessionTags = q.Association.SessionTags };
            var actions = q.Association.SessionTags ? new[] { PodIdentityRequest.AssumeRole, PodIdentityRequest.TagSession } : [PodIdentityRequest.AssumeRole];
            var denials = new List<string>();
            foreach (var action in actions)
            {
                var context = association.ToTrustRequest(action).Context.Set("aws:PrincipalArn", q.SourceRoleArn);
                if (!q.Association.SessionTags)
                    context.Set("sts:ExternalId", q.ExternalId);
                var decisions = principals.Select(p => TrustEvaluator.Evaluate(policy, new TrustRequest("AWS", p, action, context))).ToList();
                if (!decisions.Any(d => d.Allowed))
                    denials.Add($"{action} by {q.SourceRoleArn}: {decisions[0].Summary} | {Explain(decisions[0])}");
            }
            return denials.Count == 0
                ? new TrustVerdict(true, $"{q.SourceRoleArn} may assume the target role ({string.Join(" + ", actions)})")
                : new TrustVerdict(false, string.Join("; ", denials));
        }

        private static string Explain(TrustDecision d) => string.Join(" | ", d.Statements.Select(s => s.Explanation));

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
