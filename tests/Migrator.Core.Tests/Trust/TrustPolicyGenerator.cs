using System.Text;
using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Trust;

/// <summary>Random but reproducible trust policies in the shapes seen in the wild (seeded System.Random).</summary>
internal sealed class TrustPolicyGenerator(int seed)
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

    private readonly Random _random = new(seed);

    public static string Partition(string issuer) => AwsPartition.OfIssuer(issuer);

    public string Document()
    {
        var statements = new List<string>();
        var count = _random.Next(1, 6);
        for (var i = 0; i < count; i++)
            statements.Add(_random.Next(10) switch
            {
                < 6 => Irsa(i),
                6 => """{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}""",
                7 => """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}""",
                8 => Deny(),
                _ => Irsa(i),
            });
        var indented = _random.Next(2) == 0;
        var separator = indented ? ",\n    " : ",";
        return indented
            ? "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + string.Join(separator, statements) + "\n  ]\n}"
            : "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(separator, statements) + "]}";
    }

    private string Irsa(int index)
    {
        var issuer = Issuers[_random.Next(Issuers.Length)];
        var provider = $"arn:{Partition(issuer)}:iam::111122223333:oidc-provider/{issuer}";
        var conditions = new List<string>();
        var subs = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Subject()).Distinct().ToList();
        var like = subs.Any(s => s.Contains('*', StringComparison.Ordinal)) || _random.Next(3) == 0;
        var kind = _random.Next(8);
        if (kind > 0)
            conditions.Add($"\"{(like ? "StringLike" : "StringEquals")}\":{{\"{issuer}:sub\":{Values(subs)}" + (_random.Next(2) == 0 ? $",\"{issuer}:aud\":\"sts.amazonaws.com\"" : "") + "}");
        if (kind == 1)
            conditions.Add($"\"StringNotEquals\":{{\"{issuer}:sub\":\"{Subject(wild: false)}\"}}");
        var sid = _random.Next(2) == 0 ? $"\"Sid\":\"Irsa{index}\"," : "";
        var condition = conditions.Count == 0 ? "" : $",\"Condition\":{{{string.Join(",", conditions)}}}";
        return $"{{{sid}\"Effect\":\"Allow\",\"Principal\":{{\"Federated\":\"{provider}\"}},\"Action\":\"sts:AssumeRoleWithWebIdentity\"{condition}}}";
    }

    private string Deny()
    {
        var issuer = Issuers[_random.Next(Issuers.Length)];
        return $"{{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{{\"StringEquals\":{{\"{issuer}:sub\":\"{Subject(wild: false)}\"}}}}}}";
    }

    private string Subject(bool wild = true)
    {
        var ns = Namespaces[_random.Next(Namespaces.Length)];
        if (wild && _random.Next(6) == 0)
            return $"system:serviceaccount:{ns}:*";
        return $"system:serviceaccount:{ns}:{Accounts[_random.Next(Accounts.Length)]}";
    }

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
