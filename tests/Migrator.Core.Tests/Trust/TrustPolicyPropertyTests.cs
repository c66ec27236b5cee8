using Migrator.Core.Trust;
using Migrator.Core.Trust.Json;
using static Migrator.Core.Tests.Trust.TrustPolicies;

namespace Migrator.Core.Tests.Trust;

/// <summary>Properties of the rewriter over generated documents (seeded, so every failure is reproducible).</summary>
public class TrustPolicyPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Removing_a_subject_denies_it_and_changes_no_other_decision(int seed)
    {
        var document = new TrustPolicyGenerator(seed).Document();
        var before = Parse(document);
        foreach (var issuer in TrustPolicyGenerator.Issuers)
        foreach (var ns in TrustPolicyGenerator.Namespaces)
        foreach (var sa in TrustPolicyGenerator.Accounts)
        {
            var result = TrustPolicyRewriter.RemoveIrsaSubject(document, issuer, ns, sa, new TrustRewriteOptions());
            if (!result.Success || !result.Changed)
            {
                Assert.Same(document, result.Document);
                if (result.Success)
                    Assert.All(TrustPolicyGenerator.Audiences, aud => Assert.False(
                        TrustEvaluator.EvaluateIrsa(before, new IrsaRequest(TrustPolicyGenerator.Partition(issuer), Account, issuer, ns, sa, aud)).Allowed,
                        $"seed {seed}: unchanged although {ns}/{sa} is allowed for {issuer}"));
                continue;
            }
            var after = Parse(result.Document);
            foreach (var probe in TrustPolicyGenerator.Probes())
            {
                var was = TrustEvaluator.EvaluateIrsa(before, probe).Allowed;
                var now = TrustEvaluator.EvaluateIrsa(after, probe).Allowed;
                if (probe.Issuer == issuer && probe.Namespace == ns && probe.ServiceAccount == sa)
                    Assert.False(now, $"seed {seed}: removed subject {ns}/{sa} of {issuer} still allowed\n{result.Document}");
                else
                    Assert.True(was == now, $"seed {seed}: removing {ns}/{sa} of {issuer} changed {probe.Namespace}/{probe.ServiceAccount} of {probe.Issuer} ({probe.Audience})\n{document}\n{result.Document}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Adding_pod_identity_changes_no_irsa_decision_and_admits_exactly_the_bindings(int seed)
    {
        var random = new Random(seed);
        var document = new TrustPolicyGenerator(seed).Document();
        var clusters = new[] { "arn:aws:eks:us-east-1:111122223333:cluster/blue", "arn:aws:eks:eu-west-1:111122223333:cluster/green" };
        var all = (from c in clusters from n in TrustPolicyGenerator.Namespaces from s in TrustPolicyGenerator.Accounts select new PodIdentityBinding(c, n, s)).ToList();
        var bindings = all.Where(_ => random.Next(3) == 0).ToList();
        if (bindings.Count == 0)
            bindings.Add(all[random.Next(all.Count)]);
        var before = Parse(document);
        var result = TrustPolicyRewriter.AddPodIdentityTrust(document, bindings, new TrustRewriteOptions { SizeLimit = 8192 });
        Assert.True(result.Success, $"seed {seed}: {result.Error}");
        var after = Parse(result.Document);
        Assert.Equal(TrustPolicyGenerator.Decisions(before), TrustPolicyGenerator.Decisions(after));
        foreach (var b in all)
        {
            var was = TrustEvaluator.EvaluatePodIdentity(before, b.ToRequest()).Allowed;
            var now = TrustEvaluator.EvaluatePodIdentity(after, b.ToRequest()).Allowed;
            Assert.True(now == (was || bindings.Contains(b)), $"seed {seed}: {b} was {was}, now {now}, requested {bindings.Contains(b)}");
        }
        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(result.Document, bindings, new TrustRewriteOptions { SizeLimit = 8192 });
        Assert.Equal(document, removed.Document);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parse_then_write_is_semantically_identical(int seed)
    {
        var document = new TrustPolicyGenerator(seed).Document();
        var policy = Parse(document);
        Assert.Equal(document, JsonDocumentWriter.Write(policy.Root, JsonDocumentWriter.LooksIndented(document)));
        foreach (var indented in new[] { true, false })
        {
            var fresh = (JsonMap)policy.Root.Clone();
            Strip(fresh);
            var rewritten = Parse(JsonDocumentWriter.Write(fresh, indented));
            Assert.Equal(Describe(policy), Describe(rewritten));
            Assert.Equal(TrustPolicyGenerator.Decisions(policy), TrustPolicyGenerator.Decisions(rewritten));
        }
    }

    private static void Strip(JsonNode node)
    {
        node.Source = null;
        node.Inline = false;
        switch (node)
        {
            case JsonMap map: map.Properties.ForEach(p => Strip(p.Value)); break;
            case JsonList list: list.Items.ForEach(Strip); break;
        }
    }

    private static string Describe(TrustPolicy policy) => string.Join("\n", policy.Statements.Select(s =>
        $"{s.Sid}|{s.Effect}|{s.IsNotPrincipal}|{s.Principals}|{s.IsNotAction}|{string.Join(",", s.Actions)}|{string.Join(";", s.Conditions)}"));
}
