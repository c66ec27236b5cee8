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
        for (var seed = 1; seed <= 60; seed++) data.Add(seed);
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
    public void Adding_then_removing_at_the_written_scope_gives_back_the_document_even_when_widened(int seed)
    {
        var random = new Random(seed);
        var generated = new TrustPolicyGenerator(seed).Document();
        var clusters = new[] { "arn:aws:eks:us-east-1:111122223333:cluster/blue", "arn:aws:eks:eu-west-1:111122223333:cluster/green" };
        var namespaces = TrustPolicyGenerator.Namespaces.Concat(["team-a", "team-b", "team-c"]).ToArray();
        var accounts = TrustPolicyGenerator.Accounts.Concat(Enumerable.Range(0, 8).Select(i => $"service-account-{i}")).ToArray();
        var big = new TrustRewriteOptions { SizeLimit = 100_000 };
        // Bindings the document does not trust yet and does not deny (an explicit Deny makes adding fail, as tested elsewhere).
        var all = (from c in clusters from n in namespaces from a in accounts select new PodIdentityBinding(c, n, a))
            .Where(b => TrustPolicyRewriter.AddPodIdentityTrust(generated, [b], big) is { Success: true, Changed: true }).OrderBy(_ => random.Next()).ToList();
        if (all.Count == 0)
            return;
        // Earlier bindings already trusted exactly by the Migrator (another phase, another plan), then the new ones.
        var earlier = all.Take(random.Next(0, 4)).ToList();
        var fresh = all.Skip(earlier.Count).Take(random.Next(1, 16)).ToList();
        var document = earlier.Count == 0 ? generated : TrustPolicyRewriter.AddPodIdentityTrust(generated, earlier, big).Document;
        var exact = TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, big);
        Assert.True(exact.Success, $"seed {seed}: {exact.Error}");
        // A limit just below each narrower scope's size forces the target scope; the allowed widening is drawn apart.
        var target = (PodIdentityScope)random.Next(0, 4);
        var limit = exact.Size;
        for (var scope = PodIdentityScope.ServiceAccount; scope < target; scope++)
            limit = TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, new TrustRewriteOptions { SizeLimit = limit, Widest = scope }).Size - 1;
        var widest = (PodIdentityScope)random.Next(0, 4);

        var added = TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, new TrustRewriteOptions { SizeLimit = limit, Widest = widest });

        if (!added.Success)
        {
            Assert.Same(document, added.Document);
            Assert.True(widest < target, $"seed {seed}: refused although {target} fits and {widest} is allowed: {added.Error}");
            Assert.Contains("Role trust policy length", added.Error, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(target, added.Scope);
        Assert.True(added.Scope <= widest, $"seed {seed}: wrote {added.Scope}, allowed {widest}");
        var after = Parse(added.Document);
        Assert.All(earlier.Concat(fresh), b => Assert.True(TrustEvaluator.EvaluatePodIdentity(after, b.ToRequest()).Allowed, $"seed {seed}: {b} not trusted"));
        Assert.Equal(TrustPolicyGenerator.Decisions(Parse(document)), TrustPolicyGenerator.Decisions(after));

        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, fresh, big with { Widest = added.Scope!.Value }, earlier);
        Assert.True(removed.Success, $"seed {seed}: {removed.Error}");
        Assert.Equal(document, removed.Document);
        if (earlier.Count > 0)
            Assert.Equal(generated, TrustPolicyRewriter.RemovePodIdentityTrust(removed.Document, earlier, big).Document);
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
