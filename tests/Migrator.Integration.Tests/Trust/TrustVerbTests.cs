using System.Text.Json;
using Migrator.Cli;

namespace Migrator.Integration.Tests.Trust;

/// <summary>The trust verbs end to end through the command line, with files in a temporary directory.</summary>
public sealed class TrustVerbTests : IDisposable
{
    private const string Issuer1 = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    private const string Issuer2 = "oidc.eks.eu-west-1.amazonaws.com/id/5C2EE5A1B4C0D9E8F7A6B5C4D3E2F1A0";
    private readonly string _dir = Directory.CreateTempSubdirectory("migrator-trust-").FullName;

    // terraform-aws-modules iam-role-for-service-accounts-eks shape: one statement per cluster.
    private const string MultiCluster = $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/{{Issuer1}}" },
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": { "StringEquals": { "{{Issuer1}}:sub": ["system:serviceaccount:prod:api", "system:serviceaccount:prod:web"], "{{Issuer1}}:aud": "sts.amazonaws.com" } }
            },
            {
              "Sid": "EksCluster2",
              "Effect": "Allow",
              "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/{{Issuer2}}" },
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": { "StringLike": { "{{Issuer2}}:sub": "system:serviceaccount:prod:*" } }
            }
          ]
        }
        """;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Explain_json_reports_results_in_subject_order()
    {
        var policy = File("p.json", MultiCluster);
        var subjects = File("s.json", $$"""
            [{"issuer":"https://{{Issuer2}}","providerAccount":"111122223333","namespace":"prod","serviceAccount":"anything"},
             {"issuer":"{{Issuer1}}","providerAccount":"111122223333","namespace":"prod","serviceAccount":"worker","audience":"sts.amazonaws.com"}]
            """);
        var (code, output, _) = await Run("trust", "explain", "--policy", policy, "--subjects", subjects, "--output", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.False(root.GetProperty("podIdentityReady").GetBoolean());
        Assert.Equal(3, root.GetProperty("trustedSubjects").GetArrayLength());
        var results = root.GetProperty("results");
        Assert.Equal(Issuer2, results[0].GetProperty("issuer").GetString());
        Assert.True(results[0].GetProperty("irsaAllowed").GetBoolean());
        Assert.False(results[1].GetProperty("irsaAllowed").GetBoolean());
        Assert.Equal("sts.amazonaws.com", results[1].GetProperty("audience").GetString());
        Assert.Contains("requires one of [system:serviceaccount:prod:api, system:serviceaccount:prod:web] but the request has system:serviceaccount:prod:worker",
            results[1].GetProperty("explanation")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_text_gives_one_line_per_statement()
    {
        var policy = File("p.json", MultiCluster);
        var (code, output, _) = await Run("trust", "explain", "--policy", policy, "--issuer", Issuer1, "--provider-account", "111122223333", "--namespace", "prod", "--service-account", "worker");
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        var denied = Array.FindIndex(lines, l => l.StartsWith("DENIED", StringComparison.Ordinal));
        Assert.True(denied > 0, output);
        Assert.StartsWith("  statement 1 does not apply", lines[denied + 1], StringComparison.Ordinal);
        Assert.StartsWith("  statement 2 (Sid EksCluster2) does not apply", lines[denied + 2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_invalid_policy_exits_3_with_errors_and_positions()
    {
        var policy = File("bad.json", "{\n  \"Statement\": [{\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}]\n}");
        var (code, output, _) = await Run("trust", "explain", "--policy", policy, "--issuer", Issuer1, "--provider-account", "111122223333", "--namespace", "a", "--service-account", "b", "--output", "json");
        Assert.Equal(3, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var error = doc.RootElement.GetProperty("errors")[0];
        Assert.Contains("duplicate key \"Effect\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal(37, error.GetProperty("column").GetInt32());
    }

    [Theory]
    [InlineData("--issuer", "x")]
    [InlineData("--output", "yaml")]
    public async Task Explain_usage_errors_exit_2(string option, string value)
    {
        var policy = File("p.json", MultiCluster);
        var (code, _, err) = await Run("trust", "explain", "--policy", policy, option, value);
        Assert.Equal(2, code);
        Assert.StartsWith("error:", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_pod_identity_prints_document_and_diff()
    {
        var policy = File("p.json", MultiCluster);
        var (code, output, err) = await Run("trust", "add-pod-identity", "--policy", policy,
            "--binding", "arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api", "--binding", "arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/web");
        Assert.True(code == 0, err);
        Assert.Contains("\"Sid\": \"MigratorPodIdentity\"", output, StringComparison.Ordinal);
        Assert.Contains("+      \"Sid\": \"MigratorPodIdentity\",", output, StringComparison.Ordinal);
        Assert.Contains("# diff", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_pod_identity_needs_a_binding_or_unscoped()
    {
        var policy = File("p.json", MultiCluster);
        Assert.Equal(2, (await Run("trust", "add-pod-identity", "--policy", policy)).Code);
        Assert.Equal(2, (await Run("trust", "add-pod-identity", "--policy", policy, "--binding", "blue/prod/api")).Code);
        var (code, output, err) = await Run("trust", "add-pod-identity", "--policy", policy, "--unscoped", "--output", "json");
        Assert.Equal(0, code);
        Assert.Contains("wider", JsonDocument.Parse(output).RootElement.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("", err);
    }

    [Fact]
    public async Task Remove_subject_keeps_other_clusters_and_refuses_wildcards()
    {
        var policy = File("p.json", MultiCluster);
        var (code, output, _) = await Run("trust", "remove-subject", "--policy", policy, "--issuer", Issuer1, "--namespace", "prod", "--service-account", "api", "--output", "json");
        Assert.Equal(0, code);
        var document = JsonDocument.Parse(output).RootElement.GetProperty("document").GetString()!;
        Assert.DoesNotContain("system:serviceaccount:prod:api", document, StringComparison.Ordinal);
        Assert.Contains(Issuer2, document, StringComparison.Ordinal);

        var refused = await Run("trust", "remove-subject", "--policy", policy, "--issuer", Issuer2, "--namespace", "prod", "--service-account", "api");
        Assert.Equal(3, refused.Code);
        Assert.Contains("wildcard", refused.Err, StringComparison.Ordinal);
    }

    private static string[] Twelve() => Enumerable.Range(0, 12)
        .SelectMany(i => new[] { "--binding", $"arn:aws:eks:us-east-1:111122223333:cluster/blue/namespace-{i % 6}/service-account-of-workload-{i}" }).ToArray();

    [Fact]
    public async Task Add_pod_identity_refuses_exact_scope_over_the_limit_and_widens_only_with_widen()
    {
        var policy = File("p.json", MultiCluster);
        var refused = await Run(["trust", "add-pod-identity", "--policy", policy, .. Twelve()]);
        Assert.Equal(3, refused.Code);
        Assert.Contains("over the limit of 2048", refused.Err, StringComparison.Ordinal);
        Assert.Contains("Role trust policy length", refused.Err, StringComparison.Ordinal);
        Assert.Contains("--widen", refused.Err, StringComparison.Ordinal);
        Assert.Equal("", refused.Out);

        var (code, output, err) = await Run(["trust", "add-pod-identity", "--policy", policy, "--widen", "cluster-namespace", "--output", "json", .. Twelve()]);
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Namespace", root.GetProperty("scope").GetString());
        Assert.Contains("widened as allowed to cluster and namespace", root.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        Assert.Equal(2, (await Run("trust", "add-pod-identity", "--policy", policy, "--widen", "everything", "--binding", "arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api")).Code);
    }

    [Fact]
    public async Task Remove_pod_identity_is_the_exact_inverse_of_add_at_the_same_widening()
    {
        var policy = File("p.json", MultiCluster);
        var added = await Run(["trust", "add-pod-identity", "--policy", policy, "--widen", "cluster", "--output", "json", .. Twelve()]);
        Assert.Equal(0, added.Code);
        var widened = File("widened.json", JsonDocument.Parse(added.Out).RootElement.GetProperty("document").GetString()!);

        var exactOnly = await Run(["trust", "remove-pod-identity", "--policy", widened, "--output", "json", .. Twelve()]);
        Assert.Equal(0, exactOnly.Code);
        var unchanged = JsonDocument.Parse(exactOnly.Out).RootElement;
        Assert.False(unchanged.GetProperty("changed").GetBoolean());
        Assert.Contains("wider than", unchanged.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        var (code, output, err) = await Run(["trust", "remove-pod-identity", "--policy", widened, "--widen", "cluster", "--output", "json", .. Twelve()]);
        Assert.True(code == 0, err);
        Assert.Equal(MultiCluster, JsonDocument.Parse(output).RootElement.GetProperty("document").GetString());

        var all = await Run("trust", "remove-pod-identity", "--policy", widened, "--all");
        Assert.Equal(0, all.Code);
        Assert.DoesNotContain("MigratorPodIdentity", all.Out.Split("# diff")[0], StringComparison.Ordinal);
        Assert.Contains("-      \"Sid\": \"MigratorPodIdentity\",", all.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_pod_identity_needs_bindings_or_all()
    {
        var policy = File("p.json", MultiCluster);
        Assert.Equal(2, (await Run("trust", "remove-pod-identity", "--policy", policy)).Code);
        Assert.Equal(2, (await Run("trust", "remove-pod-identity", "--policy", policy, "--all", "--binding", "arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api")).Code);
        Assert.Equal(2, (await Run("trust", "remove-pod-identity", "--policy", policy, "--all", "--widen", "cluster")).Code);
        var none = await Run("trust", "remove-pod-identity", "--policy", policy, "--binding", "arn:aws:eks:us-east-1:111122223333:cluster/blue/prod/api");
        Assert.Equal(0, none.Code);
        Assert.Contains("not trusted by a Migrator Pod Identity statement", none.Err, StringComparison.Ordinal);
        Assert.Contains("# unchanged", none.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_subject_already_denied_is_a_no_op_with_a_note()
    {
        const string deny = "{\"Sid\":\"NoProd\",\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/" + Issuer2
            + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{\"" + Issuer2 + ":sub\":\"system:serviceaccount:prod:*\"}}},";
        var policy = File("p.json", MultiCluster.Replace("\"Statement\": [", "\"Statement\": [" + deny, StringComparison.Ordinal));

        var (code, output, err) = await Run("trust", "remove-subject", "--policy", policy, "--issuer", Issuer2, "--namespace", "prod", "--service-account", "api", "--output", "json");

        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.False(root.GetProperty("changed").GetBoolean());
        Assert.Contains("already denied", root.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_policy_file_exits_3()
    {
        var (code, _, err) = await Run("trust", "remove-subject", "--policy", Path.Combine(_dir, "nope.json"), "--issuer", Issuer1, "--namespace", "a", "--service-account", "b");
        Assert.Equal(3, code);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);
    }
}
