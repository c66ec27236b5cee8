using System.Diagnostics;
using Migrator.Cli;
using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;
using Migrator.Integration.Tests.Storage;
using Migrator.Verbs.Plan;

namespace Migrator.Integration.Tests.Execution;

/// <summary>`plan export`: Terraform addresses carry account and region, one provider alias per account/region, the agent
/// add-on of phase 0, fmt-clean output; eksctl one ClusterConfig per cluster.</summary>
public sealed class PlanExportTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Two clusters named "prod" in two accounts, one without the agent.</summary>
    private static MigrationPlan TwoProds()
    {
        var a = new ClusterRef("111111111111", "us-east-1", "prod");
        var b = new ClusterRef("222222222222", "eu-west-1", "prod");
        PlannedBinding Binding(ClusterRef c) => new() { Key = new BindingKey(c, "team", "api"), RoleArn = $"arn:aws:iam::{c.AccountId}:role/api", Category = BindingCategory.Ready };
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/A:sub":"system:serviceaccount:team:api"}}}]}""";
        return new MigrationPlan
        {
            Id = "plan-1", RunId = 1, CreatedAt = At, Settings = new PlanningSettings(),
            Phases =
            [
                new Phase { Number = 0, Kind = PhaseKind.Prerequisites, Title = "P0", Steps = [new EnsurePodIdentityAgentStep { Id = "p0/agent/b", Cluster = b }] },
                new Phase
                {
                    Number = 1, Kind = PhaseKind.Canary, Title = "P1", Bindings = [Binding(a), Binding(b)],
                    Steps =
                    [
                        new AddPodIdentityTrustStep { Id = "p1/trust/a", Cluster = a, RoleArn = "arn:aws:iam::111111111111:role/api", Bindings = [new BindingKey(a, "team", "api")] },
                        new AddPodIdentityTrustStep { Id = "p1/trust/b", Cluster = b, RoleArn = "arn:aws:iam::222222222222:role/api", Bindings = [new BindingKey(b, "team", "api")] },
                    ],
                },
            ],
            Roles = [new PlannedRole("arn:aws:iam::111111111111:role/api", "111111111111", "api", trust), new PlannedRole("arn:aws:iam::222222222222:role/api", "222222222222", "api", trust)],
        };
    }

    [Fact]
    public void Terraform_addresses_carry_account_and_region_with_a_provider_alias_each_and_the_agent_add_on()
    {
        var tf = TerraformExport.Write(TwoProds());

        Assert.Contains("resource \"aws_eks_pod_identity_association\" \"_111111111111_us_east_1_prod__team__api\" {", tf, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_eks_pod_identity_association\" \"_222222222222_eu_west_1_prod__team__api\" {", tf, StringComparison.Ordinal);
        Assert.Contains("alias  = \"a111111111111_us_east_1\"", tf, StringComparison.Ordinal);
        Assert.Contains("alias  = \"a222222222222_eu_west_1\"", tf, StringComparison.Ordinal);
        Assert.Contains("provider        = aws.a222222222222_eu_west_1", tf, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_eks_addon\" \"_222222222222_eu_west_1_prod__eks-pod-identity-agent\"".Replace('-', '_'), tf, StringComparison.Ordinal);
        Assert.Contains("_111111111111_api_trust_migrated = jsonencode(", tf, StringComparison.Ordinal);
        Assert.Contains("_222222222222_api_trust_cleaned = jsonencode(", tf, StringComparison.Ordinal);
        var addresses = tf.Split('\n').Where(l => l.StartsWith("resource ", StringComparison.Ordinal)).ToList();
        Assert.Equal(addresses.Count, addresses.Distinct(StringComparer.Ordinal).Count());
        AssertFmtClean(tf);
    }

    [Fact]
    public async Task Plan_export_of_a_sandbox_plan_is_fmt_clean_terraform_and_eksctl_gets_one_file_per_cluster()
    {
        var cli = new SandboxCli(_dir);
        await cli.Ok("inventory");
        await cli.Ok("assess");
        await cli.Ok("plan", "create");

        await cli.Ok("plan", "export", "--format", "terraform", "--out", _dir.File("plan.tf"));
        AssertFmtClean(await File.ReadAllTextAsync(_dir.File("plan.tf")));

        var written = await cli.Ok("plan", "export", "--format", "eksctl", "--out", _dir.File("eksctl") + "/");
        var files = Directory.GetFiles(_dir.File("eksctl"), "*.yaml");
        Assert.True(files.Length >= 2, written);
        Assert.All(files, f => Assert.Single(File.ReadAllLines(f), l => l == "kind: ClusterConfig"));
        var (code, _, error) = await cli.Cli("plan", "export", "--format", "eksctl", "--out", _dir.File("one.yaml"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("give --out a directory", error, StringComparison.Ordinal);
    }

    /// <summary>Balanced braces always; `terraform fmt -check` too when terraform is installed.</summary>
    private void AssertFmtClean(string tf)
    {
        Assert.Equal(tf.Count(c => c == '{'), tf.Count(c => c == '}'));
        var terraform = new[] { "/usr/local/bin/terraform", "/usr/bin/terraform" }.FirstOrDefault(File.Exists);
        if (terraform is null)
            return;
        var dir = Directory.CreateDirectory(_dir.File($"fmt-{Guid.NewGuid():N}"));
        File.WriteAllText(Path.Combine(dir.FullName, "main.tf"), tf);
        using var fmt = Process.Start(new ProcessStartInfo(terraform, ["fmt", "-check", "-diff", "main.tf"]) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = fmt.StandardOutput.ReadToEnd() + fmt.StandardError.ReadToEnd();
        fmt.WaitForExit();
        Assert.True(fmt.ExitCode == 0, $"terraform fmt -check failed:\n{output}");
    }
}
