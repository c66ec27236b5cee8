using CsCheck;
using Migrator.Core.Trust;
using Migrator.Core.Trust.PolicyTree;
using static Migrator.Core.Tests.Trust.TrustPolicies;

namespace Migrator.Core.Tests.Trust;

/// <summary>
/// Properties of the rewriter over generated documents (CsCheck): a failure shrinks to a minimal document and choice
/// of bindings, and is reported with the seed that reproduces it.
/// </summary>
public class TrustPolicyPropertyTests
{
    /// <summary>Cases per property (the seeded version ran 60).</summary>
    private const long Cases = 100;

    private static readonly string[] Clusters = ["arn:aws:eks:us-east-1:111122223333:cluster/blue", "arn:aws:eks:eu-west-1:111122223333:cluster/green"];

    [Fact]
    public void Removing_a_subject_denies_it_and_changes_no_other_decision() =>
        TrustPolicyGenerator.Document.Sample(RemovingASubjectDeniesItAndChangesNoOtherDecision, iter: Cases);

    private static void RemovingASubjectDeniesItAndChangesNoOtherDecision(string document)
    {
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
                        $"unchanged although {ns}/{sa} is allowed for {issuer}"));
                continue;
            }
            var after = Parse(result.Document);
            foreach (var probe in TrustPolicyGenerator.Probes())
            {
                var was = TrustEvaluator.EvaluateIrsa(before, probe).Allowed;
                var now = TrustEvaluator.EvaluateIrsa(after, probe).Allowed;
                if (probe.Issuer == issuer && probe.Namespace == ns && probe.ServiceAccount == sa)
                    Assert.False(now, $"removed subject {ns}/{sa} of {issuer} still allowed\n{result.Document}");
                else
                    Assert.True(was == now, $"removing {ns}/{sa} of {issuer} changed {probe.Namespace}/{probe.ServiceAccount} of {probe.Issuer} ({probe.Audience})\n{document}\n{result.Document}");
            }
        }
    }

    private static readonly List<PodIdentityBinding> Bindings =
        (from c in Clusters from n in TrustPolicyGenerator.Namespaces from s in TrustPolicyGenerator.Accounts select new PodIdentityBinding(c, n, s)).ToList();

    [Fact]
    public void The_verdict_alone_equals_the_explained_decision_for_every_request() =>
        TrustPolicyGenerator.Document.Sample(document =>
        {
            var policy = Parse(document);
            foreach (var probe in TrustPolicyGenerator.Probes())
            {
                var request = probe.ToTrustRequest();
                var explained = TrustEvaluator.Evaluate(policy, request);
                Assert.Equal(explained.Allowed, TrustEvaluator.Allows(policy, request));
                Assert.Equal(explained.Statements.Any(st => st.Effect == "Deny" && st.Matched), TrustEvaluator.DeniesExplicitly(policy, request));
            }
            foreach (var binding in Bindings)
            {
                var explained = TrustEvaluator.EvaluatePodIdentity(policy, binding.ToRequest());
                Assert.Equal(explained.Allowed, TrustEvaluator.AllowsPodIdentity(policy, binding.ToRequest()));
                Assert.Equal(explained.AssumeRole.Statements.Concat(explained.TagSession.Statements).Any(st => st.Effect == "Deny" && st.Matched),
                    TrustEvaluator.DeniesPodIdentity(policy, binding.ToRequest()));
            }
        }, iter: Cases);

    [Fact]
    public void Adding_pod_identity_changes_no_irsa_decision_and_admits_exactly_the_bindings() =>
        // Each binding is requested one time in three; none drawn: one picked.
        Gen.Select(TrustPolicyGenerator.Document, Gen.Int[0, 2].Array[Bindings.Count], Gen.Int[0, Bindings.Count - 1])
            .Sample((document, rolls, fallback) => AddingPodIdentityChangesNoIrsaDecision(document,
                Bindings.Where((_, i) => rolls[i] == 2).DefaultIfEmpty(Bindings[fallback]).ToList()), iter: Cases);

    private static void AddingPodIdentityChangesNoIrsaDecision(string document, List<PodIdentityBinding> bindings)
    {
        var all = Bindings;
        var before = Parse(document);
        var result = TrustPolicyRewriter.AddPodIdentityTrust(document, bindings, new TrustRewriteOptions { SizeLimit = 8192 });
        Assert.True(result.Success, $"{result.Error}");
        var after = Parse(result.Document);
        Assert.Equal(TrustPolicyGenerator.Decisions(before), TrustPolicyGenerator.Decisions(after));
        foreach (var b in all)
        {
            var was = TrustEvaluator.EvaluatePodIdentity(before, b.ToRequest()).Allowed;
            var now = TrustEvaluator.EvaluatePodIdentity(after, b.ToRequest()).Allowed;
            Assert.True(now == (was || bindings.Contains(b)), $"{b} was {was}, now {now}, requested {bindings.Contains(b)}");
        }
        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(result.Document, bindings, new TrustRewriteOptions { SizeLimit = 8192 });
        Assert.Equal(document, removed.Document);
    }

    private static readonly List<PodIdentityBinding> WideBindings =
        (from c in Clusters
         from n in TrustPolicyGenerator.Namespaces.Concat(["team-a", "team-b", "team-c"])
         from a in TrustPolicyGenerator.Accounts.Concat(Enumerable.Range(0, 8).Select(i => $"service-account-{i}"))
         select new PodIdentityBinding(c, n, a)).ToList();

    [Fact]
    public void Adding_then_removing_at_the_written_scope_gives_back_the_document_even_when_widened() =>
        // The bindings in a drawn order (ties keep the listed order), how many were trusted earlier and how many are
        // new, the scope the size limit forces and the widest scope allowed.
        Gen.Select(TrustPolicyGenerator.Document, Gen.UInt.Array[WideBindings.Count], Gen.Int[0, 3], Gen.Int[1, 15], Gen.Int[0, 3], Gen.Int[0, 3])
            .Sample(c => AddingThenRemovingGivesBackTheDocument(c.Item1, c.Item2, c.Item3, c.Item4, (PodIdentityScope)c.Item5, (PodIdentityScope)c.Item6), iter: Cases);

    private static void AddingThenRemovingGivesBackTheDocument(string generated, uint[] order, int earlierCount, int freshCount, PodIdentityScope target, PodIdentityScope widest)
    {
        var big = new TrustRewriteOptions { SizeLimit = 100_000 };
        // Bindings the document does not trust yet and does not deny (an explicit Deny makes adding fail, as tested elsewhere).
        var all = WideBindings.Select((b, i) => (Binding: b, Key: order[i]))
            .Where(p => TrustPolicyRewriter.AddPodIdentityTrust(generated, [p.Binding], big) is { Success: true, Changed: true })
            .OrderBy(p => p.Key).Select(p => p.Binding).ToList();
        if (all.Count == 0)
            return;
        // Earlier bindings already trusted exactly by the Migrator (another phase, another plan), then the new ones.
        var earlier = all.Take(earlierCount).ToList();
        var fresh = all.Skip(earlier.Count).Take(freshCount).ToList();
        var document = earlier.Count == 0 ? generated : TrustPolicyRewriter.AddPodIdentityTrust(generated, earlier, big).Document;
        var exact = TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, big);
        Assert.True(exact.Success, $"{exact.Error}");
        // A limit just below each narrower scope's size forces the target scope; the allowed widening is drawn apart.
        var limit = exact.Size;
        for (var scope = PodIdentityScope.ServiceAccount; scope < target; scope++)
            limit = TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, new TrustRewriteOptions { SizeLimit = limit, Widest = scope }).Size - 1;
        // Widening does not always shrink a document (an exact binding can join an existing exact statement where a
        // wider one needs a statement of its own), so a limit cannot force every target: such a draw is set aside.
        if (TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, new TrustRewriteOptions { SizeLimit = limit, Widest = target }) is not { Success: true } forced || forced.Scope != target)
            return;

        var added = TrustPolicyRewriter.AddPodIdentityTrust(document, fresh, new TrustRewriteOptions { SizeLimit = limit, Widest = widest });

        if (!added.Success)
        {
            Assert.Same(document, added.Document);
            Assert.True(widest < target, $"refused although {target} fits and {widest} is allowed: {added.Error}");
            Assert.Contains("Role trust policy length", added.Error, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(target, added.Scope);
        Assert.True(added.Scope <= widest, $"wrote {added.Scope}, allowed {widest}");
        var after = Parse(added.Document);
        Assert.All(earlier.Concat(fresh), b => Assert.True(TrustEvaluator.EvaluatePodIdentity(after, b.ToRequest()).Allowed, $"{b} not trusted"));
        Assert.Equal(TrustPolicyGenerator.Decisions(Parse(document)), TrustPolicyGenerator.Decisions(after));

        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, fresh, big with { Widest = added.Scope!.Value }, earlier);
        Assert.True(removed.Success, $"{removed.Error}");
        Assert.Equal(document, removed.Document);
        if (earlier.Count > 0)
            Assert.Equal(generated, TrustPolicyRewriter.RemovePodIdentityTrust(removed.Document, earlier, big).Document);
    }

    [Fact]
    public void Parse_then_write_is_semantically_identical() =>
        TrustPolicyGenerator.Document.Sample(ParseThenWriteIsSemanticallyIdentical, iter: Cases);

    private static void ParseThenWriteIsSemanticallyIdentical(string document)
    {
        var policy = Parse(document);
        Assert.Equal(document, PolicyTreeWriter.Write(policy.Root, PolicyTreeWriter.LooksIndented(document)));
        foreach (var indented in new[] { true, false })
        {
            var fresh = (PolicyObject)policy.Root.Clone();
            Strip(fresh);
            var rewritten = Parse(PolicyTreeWriter.Write(fresh, indented));
            Assert.Equal(Describe(policy), Describe(rewritten));
            Assert.Equal(TrustPolicyGenerator.Decisions(policy), TrustPolicyGenerator.Decisions(rewritten));
        }
    }

    private static void Strip(PolicyNode node)
    {
        node.Source = null;
        node.Inline = false;
        switch (node)
        {
            case PolicyObject map: map.Properties.ForEach(p => Strip(p.Value)); break;
            case PolicyArray list: list.Items.ForEach(Strip); break;
        }
    }

    private static string Describe(TrustPolicy policy) => string.Join("\n", policy.Statements.Select(s =>
        $"{s.Sid}|{s.Effect}|{s.IsNotPrincipal}|{s.Principals}|{s.IsNotAction}|{string.Join(",", s.Actions)}|{string.Join(";", s.Conditions)}"));
}
