using System.Text;
using CsCheck;
using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Trust;

/// <summary>
/// Trust policies in the shapes seen in the wild, as CsCheck generators: a failing property shrinks to the smallest
/// document (fewest statements, subjects and conditions) that still fails. Every choice shrinks towards the plainest
/// form (an IRSA statement, one exact subject, no extra condition).
/// </summary>
internal static class TrustPolicyGenerator
{
    public static readonly string[] Issuers =
    [
        TrustPolicies.Issuer1,
        TrustPolicies.Issuer2,
        "oidc.eks.us-gov-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789",
        TrustPolicies.GitHub,
    ];
    public static readonly string[] Namespaces = ["prod", "ops"];
    public static readonly string[] Accounts = ["api", "worker", "cron"];
    public static readonly string[] Audiences = ["sts.amazonaws.com", "vault"];

    private const string PodsStatement = """{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}""";
    private const string AccountStatement = """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}""";

    public static string Partition(string issuer) => AwsPartition.OfIssuer(issuer);

    private static readonly Gen<string> Issuer = Gen.OneOf(Issuers);

    /// <summary>system:serviceaccount:NS:SA, or NS:* one time in six where a wildcard is allowed.</summary>
    private static Gen<string> Subject(bool wild) =>
        Gen.Select(Gen.OneOf(Namespaces), Gen.OneOf(Accounts), Gen.Int[0, 5], (ns, sa, roll) =>
            wild && roll == 5 ? $"system:serviceaccount:{ns}:*" : $"system:serviceaccount:{ns}:{sa}");

    /// <summary>An IRSA statement (written for its position in the document, which names its Sid).</summary>
    private static readonly Gen<Func<int, string>> Irsa =
        Gen.Select(Issuer, Subject(wild: true).List[1, 3], Gen.Int[0, 2], Gen.Int[0, 7], Gen.Bool, Gen.Bool, Subject(wild: false),
            (issuer, subjects, likeRoll, kind, aud, sid, excluded) => (Func<int, string>)(index =>
            {
                var provider = $"arn:{Partition(issuer)}:iam::111122223333:oidc-provider/{issuer}";
                var subs = subjects.Distinct().ToList();
                var like = subs.Any(s => s.Contains('*', StringComparison.Ordinal)) || likeRoll == 2;
                var conditions = new List<string>();
                // kind 0: no condition at all; 1: also a StringNotEquals exclusion; otherwise the sub condition alone.
                if (kind != 0)
                    conditions.Add($"\"{(like ? "StringLike" : "StringEquals")}\":{{\"{issuer}:sub\":{Values(subs)}" + (aud ? $",\"{issuer}:aud\":\"sts.amazonaws.com\"" : "") + "}");
                if (kind == 1)
                    conditions.Add($"\"StringNotEquals\":{{\"{issuer}:sub\":\"{excluded}\"}}");
                var sidText = sid ? $"\"Sid\":\"Irsa{index}\"," : "";
                var condition = conditions.Count == 0 ? "" : $",\"Condition\":{{{string.Join(",", conditions)}}}";
                return $"{{{sidText}\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\"{condition}}}";
            }));

    private static readonly Gen<Func<int, string>> Deny =
        Gen.Select(Issuer, Subject(wild: false), (issuer, subject) => (Func<int, string>)(_ =>
            $"{{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{{\"StringEquals\":{{\"{issuer}:sub\":\"{subject}\"}}}}}}"));

    /// <summary>Seven in ten IRSA; one each Pod Identity, another account, an explicit Deny.</summary>
    private static readonly Gen<Func<int, string>> Statement =
        Gen.Int[0, 9].SelectMany(roll => roll switch
        {
            < 7 => Irsa,
            7 => Gen.Const<Func<int, string>>(_ => PodsStatement),
            8 => Gen.Const<Func<int, string>>(_ => AccountStatement),
            _ => Deny,
        });

    /// <summary>One to five statements, compact or indented.</summary>
    public static readonly Gen<string> Document =
        Gen.Select(Statement.List[1, 5], Gen.Bool, (statements, indented) =>
        {
            var texts = statements.Select((s, i) => s(i)).ToList();
            return indented
                ? "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + string.Join(",\n    ", texts) + "\n  ]\n}"
                : "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", texts) + "]}";
        });

    private static string Values(List<string> values) =>
        values.Count == 1 ? $"\"{values[0]}\"" : "[" + string.Join(",", values.Select(v => $"\"{v}\"")) + "]";

    /// <summary>Every (issuer, namespace, service account, audience) the generator can name.</summary>
    public static IEnumerable<IrsaRequest> Probes() =>
        from issuer in Issuers
        from ns in Namespaces
        from sa in Accounts
        from aud in Audiences
        select new IrsaRequest(Partition(issuer), "111122223333", issuer, ns, sa, aud);

    public static string Decisions(TrustPolicy policy) =>
        new StringBuilder().AppendJoin("", Probes().Select(p => TrustEvaluator.EvaluateIrsa(policy, p).Allowed ? '1' : '0')).ToString();
}
