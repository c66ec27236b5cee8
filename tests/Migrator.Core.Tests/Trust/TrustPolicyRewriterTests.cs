using Migrator.Core.Trust;
using static Migrator.Core.Tests.Trust.TrustPolicies;

namespace Migrator.Core.Tests.Trust;

public class TrustPolicyRewriterTests
{
    private const string Blue = "arn:aws:eks:us-east-1:111122223333:cluster/blue";
    private const string Green = "arn:aws:eks:eu-west-1:111122223333:cluster/green";
    private static readonly TrustRewriteOptions Defaults = new();

    private static bool Ready(string document, string cluster, string ns, string sa) =>
        TrustEvaluator.EvaluatePodIdentity(Parse(document), new PodIdentityRequest(cluster, ns, sa)).Allowed;

    [Fact]
    public void Adds_one_statement_scoped_exactly_to_the_binding()
    {
        var result = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), [new PodIdentityBinding(Blue, "default", "my-service-account")], Defaults);
        Assert.True(result.Success, result.Error);
        Assert.True(result.Changed);
        Assert.Empty(result.Warnings);
        var policy = Parse(result.Document);
        var added = policy.Statements[^1];
        Assert.Equal("MigratorPodIdentity", added.Sid);
        Assert.Equal(3, added.Conditions.Count);
        Assert.True(Ready(result.Document, Blue, "default", "my-service-account"));
        Assert.False(Ready(result.Document, Blue, "default", "other"));
        Assert.False(Ready(result.Document, Green, "default", "my-service-account"));
        // The IRSA statement is kept as it was, first, unchanged.
        Assert.StartsWith(EksUserGuide()[..EksUserGuide().IndexOf("  ]", StringComparison.Ordinal)].TrimEnd(), result.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_again_is_a_no_op_returning_the_same_string()
    {
        var bindings = new[] { new PodIdentityBinding(Blue, "prod", "api") };
        var once = TrustPolicyRewriter.AddPodIdentityTrust(TerraformMultiCluster, bindings, Defaults);
        var twice = TrustPolicyRewriter.AddPodIdentityTrust(once.Document, bindings, Defaults);
        Assert.True(twice.Success);
        Assert.False(twice.Changed);
        Assert.Same(once.Document, twice.Document);
    }

    [Fact]
    public void Existing_plain_statement_makes_adding_a_no_op()
    {
        var result = TrustPolicyRewriter.AddPodIdentityTrust(EksctlMigrated, [new PodIdentityBinding(Blue, "kube-system", "aws-load-balancer-controller")], Defaults);
        Assert.True(result.Success);
        Assert.False(result.Changed);
        Assert.Same(EksctlMigrated, result.Document);
    }

    [Fact]
    public void Several_bindings_admit_no_cross_product()
    {
        // Two clusters, different namespaces and service accounts: one statement with three lists would admit
        // (blue, team-b, worker) and 5 other combinations; the rewriter must not.
        var bindings = new[]
        {
            new PodIdentityBinding(Blue, "team-a", "api"),
            new PodIdentityBinding(Blue, "team-b", "worker"),
            new PodIdentityBinding(Green, "team-a", "api"),
            new PodIdentityBinding(Green, "team-a", "cron"),
        };
        var result = TrustPolicyRewriter.AddPodIdentityTrust(TerraformMultiCluster, bindings, Defaults with { SizeLimit = 4096 });
        Assert.True(result.Success, result.Error);
        Assert.Empty(result.Warnings);
        foreach (var cluster in new[] { Blue, Green })
        foreach (var ns in new[] { "team-a", "team-b" })
        foreach (var sa in new[] { "api", "worker", "cron" })
        {
            var expected = bindings.Contains(new PodIdentityBinding(cluster, ns, sa));
            Assert.True(expected == Ready(result.Document, cluster, ns, sa), $"{cluster}/{ns}/{sa} expected {(expected ? "trusted" : "not trusted")}");
        }
        Assert.All(Parse(result.Document).Statements.Where(s => s.Sid?.StartsWith("MigratorPodIdentity", StringComparison.Ordinal) == true),
            s => Assert.Equal(3, s.Conditions.Count));
    }

    [Fact]
    public void Extends_the_migrator_statements_when_more_bindings_arrive()
    {
        var first = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), [new PodIdentityBinding(Blue, "prod", "api")], Defaults);
        var second = TrustPolicyRewriter.AddPodIdentityTrust(first.Document, [new PodIdentityBinding(Blue, "prod", "web")], Defaults);
        Assert.True(second.Changed);
        var ours = Parse(second.Document).Statements.Where(s => s.Sid == "MigratorPodIdentity").ToList();
        var single = Assert.Single(ours);
        Assert.Equal(["api", "web"], single.Conditions.Single(c => c.Key == PodIdentityRequest.ServiceAccountTag).Values);
        Assert.Equal(2, Parse(second.Document).Statements.Count);
    }

    [Fact]
    public void Remove_is_the_exact_inverse_of_add()
    {
        var bindings = new[] { new PodIdentityBinding(Blue, "prod", "api"), new PodIdentityBinding(Green, "prod", "api"), new PodIdentityBinding(Green, "ops", "cron") };
        foreach (var original in new[] { EksUserGuide(), TerraformMultiCluster, GitHubActions })
        {
            var added = TrustPolicyRewriter.AddPodIdentityTrust(original, bindings, Defaults with { SizeLimit = 4096 });
            var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, bindings, Defaults with { SizeLimit = 4096 });
            Assert.True(removed.Success, removed.Error);
            Assert.Equal(original, removed.Document);
        }
    }

    [Fact]
    public void Removing_some_bindings_keeps_the_others_exactly()
    {
        var bindings = new[] { new PodIdentityBinding(Blue, "prod", "api"), new PodIdentityBinding(Blue, "prod", "web"), new PodIdentityBinding(Green, "ops", "cron") };
        var added = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults with { SizeLimit = 4096 });
        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, [bindings[1]], Defaults);
        Assert.True(removed.Success, removed.Error);
        Assert.True(Ready(removed.Document, Blue, "prod", "api"));
        Assert.False(Ready(removed.Document, Blue, "prod", "web"));
        Assert.True(Ready(removed.Document, Green, "ops", "cron"));
    }

    [Fact]
    public void Remove_never_touches_statements_the_migrator_did_not_write()
    {
        var result = TrustPolicyRewriter.RemovePodIdentityTrust(EksctlMigrated, [new PodIdentityBinding(Blue, "kube-system", "aws-load-balancer-controller")], Defaults);
        Assert.True(result.Success);
        Assert.False(result.Changed);
        Assert.Contains(result.Warnings, w => w.Contains("not trusted by a Migrator", StringComparison.Ordinal));
    }

    private static List<PodIdentityBinding> Twelve(string cluster = Blue, string prefix = "") =>
        Enumerable.Range(0, 12).Select(i => new PodIdentityBinding(cluster, $"{prefix}namespace-{i % 6}", $"service-account-of-workload-{i}")).ToList();

    [Fact]
    public void Exact_scope_over_the_size_limit_is_refused_by_default_naming_size_limit_quota_and_fixes()
    {
        var bindings = Twelve();
        var exact = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults with { SizeLimit = 8192 });
        Assert.True(exact.Size > 2048, $"exact size {exact.Size}");

        var refused = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults);

        Assert.False(refused.Success);
        Assert.Equal(EksUserGuide(), refused.Document);
        Assert.Contains($"would make the policy {exact.Size} characters", refused.Error, StringComparison.Ordinal);
        Assert.Contains("over the limit of 2048", refused.Error, StringComparison.Ordinal);
        Assert.Contains("\"Role trust policy length\" through Service Quotas", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Planning:TrustSizeLimit", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Planning:TrustWidening", refused.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was widened", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_scope_that_fits_is_written_exactly_whatever_widening_allows()
    {
        var bindings = Twelve();
        var result = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults with { SizeLimit = 8192, Widest = PodIdentityScope.Unscoped });
        Assert.True(result.Success, result.Error);
        Assert.Equal(PodIdentityScope.ServiceAccount, result.Scope);
        Assert.Empty(result.Warnings);
        Assert.False(Ready(result.Document, Blue, "namespace-0", "someone-else"));
    }

    [Fact]
    public void Allowed_widening_takes_the_narrowest_scope_that_fits_with_a_warning()
    {
        var bindings = Twelve();
        var limited = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults with { Widest = PodIdentityScope.Cluster });
        Assert.True(limited.Success, limited.Error);
        Assert.Equal(PodIdentityScope.Namespace, limited.Scope);
        Assert.True(limited.Size <= 2048);
        var warning = Assert.Single(limited.Warnings);
        Assert.Contains("over the limit of 2048", warning, StringComparison.Ordinal);
        Assert.Contains("cluster blue / namespace namespace-0", warning, StringComparison.Ordinal);
        Assert.All(bindings, b => Assert.True(Ready(limited.Document, b.ClusterArn, b.Namespace, b.ServiceAccount)));
        Assert.True(Ready(limited.Document, Blue, "namespace-1", "someone-else"));
        Assert.False(Ready(limited.Document, Blue, "other-namespace", "service-account-1"));
        Assert.False(Ready(limited.Document, Green, "namespace-1", "service-account-1"));
    }

    [Fact]
    public void Widening_never_loosens_the_statements_of_bindings_trusted_before()
    {
        // Before: exact trust for blue/namespace-0/{a,b}. The new bindings need widening; the old ones must keep
        // exactly their statement (a wider one for namespace-0 is added beside it, not merged into it).
        var before = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(),
            [new PodIdentityBinding(Blue, "namespace-0", "a"), new PodIdentityBinding(Blue, "namespace-0", "b")], Defaults).Document;
        var oldStatement = Parse(before).Statements.Single(s => s.Sid == "MigratorPodIdentity");

        var added = TrustPolicyRewriter.AddPodIdentityTrust(before, Twelve(), Defaults with { Widest = PodIdentityScope.Namespace });

        Assert.True(added.Success, added.Error);
        Assert.Equal(PodIdentityScope.Namespace, added.Scope);
        var ours = Parse(added.Document).Statements.Where(s => s.Sid?.StartsWith("MigratorPodIdentity", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(ours, s => s.Conditions.Select(c => c.ToString()).SequenceEqual(oldStatement.Conditions.Select(c => c.ToString())));
    }

    [Fact]
    public void Remove_with_the_added_scope_restores_the_original_exactly_after_widening()
    {
        foreach (var widest in new[] { PodIdentityScope.Namespace, PodIdentityScope.Cluster, PodIdentityScope.Unscoped })
        foreach (var original in new[] { EksUserGuide(), TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), [new PodIdentityBinding(Blue, "namespace-1", "kept")], Defaults).Document })
        {
            var bindings = Twelve();
            var added = TrustPolicyRewriter.AddPodIdentityTrust(original, bindings, Defaults with { SizeLimit = 1400, Widest = widest });
            Assert.True(added.Success, added.Error);
            Assert.NotEqual(PodIdentityScope.ServiceAccount, added.Scope);
            var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, bindings, Defaults with { Widest = added.Scope!.Value });
            Assert.True(removed.Success, removed.Error);
            Assert.Equal(original, removed.Document);
        }
    }

    [Fact]
    public void Removing_one_binding_of_a_widened_statement_keeps_it_for_the_bindings_that_stay()
    {
        var bindings = Twelve();
        var added = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults with { Widest = PodIdentityScope.Namespace });
        Assert.Equal(PodIdentityScope.Namespace, added.Scope);

        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, [bindings[0]], Defaults with { Widest = PodIdentityScope.Namespace }, bindings.Skip(1).ToList());

        Assert.True(removed.Success, removed.Error);
        Assert.False(removed.Changed);
        Assert.All(bindings.Skip(1), b => Assert.True(Ready(removed.Document, b.ClusterArn, b.Namespace, b.ServiceAccount)));
        Assert.Contains(removed.Warnings, w => w.Contains("stays trusted", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_at_exact_scope_leaves_a_widened_statement_and_says_so()
    {
        var bindings = Twelve();
        var added = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), bindings, Defaults with { Widest = PodIdentityScope.Namespace });
        var removed = TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, bindings, Defaults);
        Assert.False(removed.Changed);
        Assert.Contains(removed.Warnings, w => w.Contains("wider than cluster, namespace and service account", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_all_drops_every_migrator_statement_and_nothing_else()
    {
        var added = TrustPolicyRewriter.AddPodIdentityTrust(TerraformMultiCluster, Twelve(), Defaults with { Widest = PodIdentityScope.Cluster });
        var removed = TrustPolicyRewriter.RemoveAllPodIdentityTrust(added.Document, Defaults);
        Assert.True(removed.Success, removed.Error);
        Assert.Equal(TerraformMultiCluster, removed.Document);
    }

    [Fact]
    public void Fails_before_a_write_when_even_unscoped_is_too_big()
    {
        var result = TrustPolicyRewriter.AddPodIdentityTrust(TerraformMultiCluster, [new PodIdentityBinding(Blue, "a", "b")], Defaults with { SizeLimit = 500, Widest = PodIdentityScope.Unscoped });
        Assert.False(result.Success);
        Assert.Contains("even scoped by nothing", result.Error, StringComparison.Ordinal);
        Assert.Same(TerraformMultiCluster, result.Document);
        Assert.Contains("over the limit of 500", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unscoped_on_request_writes_the_plain_statement_with_a_warning()
    {
        var result = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), [], Defaults with { Scoped = false });
        Assert.True(result.Success, result.Error);
        var added = Parse(result.Document).Statements[^1];
        Assert.Empty(added.Conditions);
        Assert.Contains(result.Warnings, w => w.Contains("any EKS Pod Identity association", StringComparison.Ordinal));
        Assert.False(TrustPolicyRewriter.AddPodIdentityTrust(result.Document, [], Defaults with { Scoped = false }).Changed);
    }

    [Fact]
    public void An_explicit_deny_makes_adding_fail_with_the_reason()
    {
        var policy = """{"Statement":[{"Effect":"Deny","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:*"},{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""";
        var result = TrustPolicyRewriter.AddPodIdentityTrust(policy, [new PodIdentityBinding(Blue, "a", "b")], Defaults);
        Assert.False(result.Success);
        Assert.Contains("explicit Deny", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_object_and_compact_layout_are_kept_style()
    {
        var compact = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}}""";
        var result = TrustPolicyRewriter.AddPodIdentityTrust(compact, [new PodIdentityBinding(Blue, "a", "b")], Defaults);
        Assert.DoesNotContain("\n", result.Document, StringComparison.Ordinal);
        Assert.StartsWith("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"},{"Sid":"MigratorPodIdentity",""", result.Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_outside_ascii_is_kept_verbatim_and_removing_gives_back_the_document()
    {
        // Characters of 2, 3 and 4 UTF-8 bytes (a surrogate pair) before and inside the statement left untouched: the
        // reader maps byte offsets to characters only for such text, and the writer copies that statement's range.
        var original = "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"équipe €uro 🚀\",\n  \"Statement\": [\n    {\"Sid\": \"Zurich\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"Zürich 🚀\"}}}\n  ]\n}";
        var bindings = new[] { new PodIdentityBinding(Blue, "prod", "api") };
        var added = TrustPolicyRewriter.AddPodIdentityTrust(original, bindings, Defaults);
        Assert.True(added.Success, added.Error);
        Assert.Contains("    {\"Sid\": \"Zurich\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"Zürich 🚀\"}}},\n", added.Document, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"équipe €uro 🚀\",", added.Document, StringComparison.Ordinal);
        Assert.True(Ready(added.Document, Blue, "prod", "api"));
        Assert.Equal(original, TrustPolicyRewriter.RemovePodIdentityTrust(added.Document, bindings, Defaults).Document);
    }

    [Fact]
    public void Url_encoded_input_is_rewritten_decoded()
    {
        var result = TrustPolicyRewriter.AddPodIdentityTrust(Uri.EscapeDataString(EksUserGuide()), [new PodIdentityBinding(Blue, "a", "b")], Defaults);
        Assert.True(result.Success, result.Error);
        Assert.StartsWith("{", result.Document, StringComparison.Ordinal);
    }

    // ---- RemoveIrsaSubject ----

    [Fact]
    public void Removes_one_value_from_a_sub_list_and_nothing_else()
    {
        var result = TrustPolicyRewriter.RemoveIrsaSubject(TerraformMultiCluster, Issuer1, "prod", "worker", Defaults);
        Assert.True(result.Success, result.Error);
        var expected = TerraformMultiCluster.Replace("[\"system:serviceaccount:prod:api\", \"system:serviceaccount:prod:worker\"]", "[\"system:serviceaccount:prod:api\"]", StringComparison.Ordinal);
        Assert.Equal(Parse(expected).Statements.Count, Parse(result.Document).Statements.Count);
        var policy = Parse(result.Document);
        Assert.False(TrustEvaluator.EvaluateIrsa(policy, Irsa("prod", "worker")).Allowed);
        Assert.True(TrustEvaluator.EvaluateIrsa(policy, Irsa("prod", "api")).Allowed);
        Assert.True(TrustEvaluator.EvaluateIrsa(policy, Irsa("prod", "api", issuer: Issuer2)).Allowed);
    }

    [Fact]
    public void Drops_the_statement_when_its_only_subject_goes_and_keeps_other_clusters()
    {
        var result = TrustPolicyRewriter.RemoveIrsaSubject(TerraformMultiCluster, "https://" + Issuer2, "prod", "api", Defaults);
        Assert.True(result.Success, result.Error);
        var policy = Parse(result.Document);
        Assert.Single(policy.Statements);
        Assert.True(TrustEvaluator.EvaluateIrsa(policy, Irsa("prod", "api")).Allowed);
        Assert.True(TrustEvaluator.EvaluateIrsa(policy, Irsa("prod", "worker")).Allowed);
        Assert.Contains(result.Warnings, w => w.Contains("dropped statement 2 (Sid EksCluster2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Never_touches_github_actions_trust()
    {
        var result = TrustPolicyRewriter.RemoveIrsaSubject(GitHubActions, Issuer1, "ci", "runner", Defaults);
        Assert.True(result.Success, result.Error);
        var policy = Parse(result.Document);
        var github = Assert.Single(policy.Statements);
        Assert.Equal("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", github.Principals.Of("Federated")[0]);
        Assert.Equal(Parse(GitHubActions).Statements[0].Conditions.Select(c => c.ToString()), github.Conditions.Select(c => c.ToString()));
    }

    [Fact]
    public void Refuses_when_only_a_wildcard_admits_the_subject()
    {
        var policy = Statement($$$"""{"StringLike":{"{{{Issuer1}}}:sub":["system:serviceaccount:prod:*","system:serviceaccount:ops:cron"]}}""");
        var result = TrustPolicyRewriter.RemoveIrsaSubject(policy, Issuer1, "prod", "api", Defaults);
        Assert.False(result.Success);
        Assert.Same(policy, result.Document);
        Assert.Contains("wildcard \"system:serviceaccount:prod:*\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_when_the_statement_has_no_sub_condition()
    {
        var policy = Statement($$$"""{"StringEquals":{"{{{Issuer1}}}:aud":"sts.amazonaws.com"}}""");
        var result = TrustPolicyRewriter.RemoveIrsaSubject(policy, Issuer1, "prod", "api", Defaults);
        Assert.False(result.Success);
        Assert.Contains("no condition on", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_leave_a_policy_without_statements()
    {
        var result = TrustPolicyRewriter.RemoveIrsaSubject(EksUserGuide(), Issuer1, "default", "my-service-account", Defaults);
        Assert.False(result.Success);
        Assert.Contains("without statements", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_an_untrusted_subject_is_a_no_op()
    {
        var result = TrustPolicyRewriter.RemoveIrsaSubject(TerraformMultiCluster, Issuer1, "prod", "nobody", Defaults);
        Assert.True(result.Success);
        Assert.False(result.Changed);
        Assert.Same(TerraformMultiCluster, result.Document);
    }

    [Fact]
    public void Removing_a_subject_an_explicit_deny_already_denies_is_a_no_op_with_a_note()
    {
        var deny = "{\"Sid\":\"NoProd\",\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + Provider(Issuer1)
            + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{\"" + Issuer1 + ":sub\":\"system:serviceaccount:prod:*\"}}}";
        var policy = TerraformMultiCluster.Replace("\"Statement\": [", "\"Statement\": [" + deny + ",", StringComparison.Ordinal);
        Assert.NotEqual(TerraformMultiCluster, policy);
        Assert.False(TrustEvaluator.EvaluateIrsa(Parse(policy), Irsa("prod", "worker")).Allowed);

        var result = TrustPolicyRewriter.RemoveIrsaSubject(policy, Issuer1, "prod", "worker", Defaults);

        Assert.True(result.Success, result.Error);
        Assert.False(result.Changed);
        Assert.Same(policy, result.Document);
        Assert.Contains(result.Warnings, w => w.Contains("already denied", StringComparison.Ordinal) && w.Contains("Sid NoProd", StringComparison.Ordinal));
    }

    [Fact]
    public void After_pod_identity_is_added_the_last_irsa_subject_can_go()
    {
        var added = TrustPolicyRewriter.AddPodIdentityTrust(EksUserGuide(), [new PodIdentityBinding(Blue, "default", "my-service-account")], Defaults);
        var removed = TrustPolicyRewriter.RemoveIrsaSubject(added.Document, Issuer1, "default", "my-service-account", Defaults);
        Assert.True(removed.Success, removed.Error);
        var statement = Assert.Single(Parse(removed.Document).Statements);
        Assert.Equal("MigratorPodIdentity", statement.Sid);
    }

    [Theory]
    [InlineData("{\"a\": \"b c\" }", 11)]
    [InlineData("{\n  \"Version\" : \"2012-10-17\"\n}", 24)]
    [InlineData("{\"a\":\"x\\\" y\"}", 13)]
    public void Size_counts_characters_without_whitespace_between_tokens(string document, int size) =>
        Assert.Equal(size, TrustPolicySize.Count(document));

    [Fact]
    public void Size_of_encoded_and_decoded_documents_agree() =>
        Assert.Equal(TrustPolicySize.Count(EksctlMigrated), TrustPolicySize.Count(Uri.EscapeDataString(EksctlMigrated)));
}
