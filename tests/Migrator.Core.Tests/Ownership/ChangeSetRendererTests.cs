using System.Diagnostics;
using Migrator.Core.Ownership;
using Migrator.Core.Ownership.ChangeSets;

namespace Migrator.Core.Tests.Ownership;

public class ChangeSetRendererTests
{
    private const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"team-a","aws:PrincipalTag/x":"${aws:username}"}}}]}""";

    private static OwnerChange Change(OwnerKind kind, TrustChange? trust = null, AssociationChange? association = null, AnnotationsChange? annotations = null) => new()
    {
        PlanId = "plan-7-20261128",
        Phase = 1,
        StepId = "p1/trust/arn:aws:iam::111111111111:role/app-a",
        Owner = new ResourceOwner(kind, kind == OwnerKind.Helm ? "api" : null, "evidence"),
        Summary = "do it",
        Trust = trust,
        Association = association,
        Annotations = annotations,
    };

    private static readonly TrustChange Trust = new("arn:aws:iam::111111111111:role/app-a", Document, "{}");
    private static readonly AssociationChange Association = new("111111111111/us-east-1/prod", "prod", "us-east-1", "team-a", "api", "arn:aws:iam::111111111111:role/app-a", true);

    [Fact]
    public void Terraform_change_carries_the_role_and_the_association_with_provider_aliases_and_escaped_templates()
    {
        var trust = ChangeSetRenderer.Render(Change(OwnerKind.Terraform, trust: Trust));
        var association = ChangeSetRenderer.Render(Change(OwnerKind.Terraform, association: Association));

        var main = trust.Files.Single(f => f.Name == "main.tf").Content;
        Assert.Contains("resource \"aws_iam_role\" \"_111111111111_app_a\" {", main, StringComparison.Ordinal);
        Assert.Contains("provider = aws.a111111111111", main, StringComparison.Ordinal);
        Assert.Contains("\"$${aws:username}\"", main, StringComparison.Ordinal);
        var assoc = association.Files.Single(f => f.Name == "main.tf").Content;
        Assert.Contains("provider        = aws.a111111111111_us_east_1", assoc, StringComparison.Ordinal);
        Assert.Contains("role_arn        = \"arn:aws:iam::111111111111:role/app-a\"", assoc, StringComparison.Ordinal);
        Assert.Equal(Trust, OwnerChange.Parse(trust.Files.Single(f => f.Name == OwnerChange.FileName).Content).Trust);
        Assert.Equal("plan-7-20261128/p1/p1_trust_arn_aws_iam__111111111111_role_app-a", trust.Directory);
    }

    [Fact]
    public void Terraform_change_is_fmt_clean_when_terraform_is_installed()
    {
        var main = ChangeSetRenderer.Render(Change(OwnerKind.Terraform, trust: Trust)).Files.Single(f => f.Name == "main.tf").Content
            + ChangeSetRenderer.Render(Change(OwnerKind.Terraform, association: Association)).Files.Single(f => f.Name == "main.tf").Content;
        // Structure first: balanced braces and every resource closed (holds with or without terraform).
        Assert.Equal(main.Count(c => c == '{'), main.Count(c => c == '}'));
        var terraform = new[] { "/usr/local/bin/terraform", "/usr/bin/terraform" }.FirstOrDefault(File.Exists);
        if (terraform is null)
            return;
        var dir = Directory.CreateTempSubdirectory("changeset-fmt-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "main.tf"), main);
            using var fmt = Process.Start(new ProcessStartInfo(terraform, ["fmt", "-check", "-diff", "main.tf"]) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = fmt.StandardOutput.ReadToEnd() + fmt.StandardError.ReadToEnd();
            fmt.WaitForExit();
            Assert.True(fmt.ExitCode == 0, $"terraform fmt -check failed:\n{output}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Eksctl_and_cloudformation_owners_get_their_own_files()
    {
        Assert.Contains(ChangeSetRenderer.Render(Change(OwnerKind.Eksctl, association: Association)).Files, f => f.Name == "cluster.yaml" && f.Content.Contains("podIdentityAssociations:", StringComparison.Ordinal));
        Assert.Contains(ChangeSetRenderer.Render(Change(OwnerKind.Eksctl, trust: Trust)).Files, f => f.Name == "cloudformation.yaml" && f.Content.Contains("eksctl utils migrate-to-pod-identity", StringComparison.Ordinal));
        Assert.Contains(ChangeSetRenderer.Render(Change(OwnerKind.CloudFormation, association: Association)).Files, f => f.Name == "cloudformation.yaml" && f.Content.Contains("AWS::EKS::PodIdentityAssociation", StringComparison.Ordinal));
    }

    [Fact]
    public void Helm_gets_values_and_gitops_owners_a_kustomize_patch_too()
    {
        var removal = new AnnotationsChange("111111111111/us-east-1/prod", "team-a", "api", new Dictionary<string, string>(), ["eks.amazonaws.com/role-arn"], new Dictionary<string, string> { ["eks.amazonaws.com/role-arn"] = "arn" });

        var helm = ChangeSetRenderer.Render(Change(OwnerKind.Helm, annotations: removal));
        var argo = ChangeSetRenderer.Render(Change(OwnerKind.ArgoCd, annotations: removal));

        Assert.Equal(["values.yaml", OwnerChange.FileName], helm.Files.Select(f => f.Name));
        Assert.Contains("    eks.amazonaws.com/role-arn: null", helm.Files[0].Content, StringComparison.Ordinal);
        Assert.Contains(argo.Files, f => f.Name == "patch.yaml" && f.Content.Contains("kind: ServiceAccount", StringComparison.Ordinal) && f.Content.Contains("eks.amazonaws.com/role-arn: null", StringComparison.Ordinal));
    }
}
