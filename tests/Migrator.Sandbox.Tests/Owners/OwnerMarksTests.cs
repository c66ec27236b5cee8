using System.Text.Json;
using Migrator.Core.Ownership;

namespace Migrator.Sandbox.Tests.Owners;

public class OwnerMarksTests
{
    private static Estate Generate(bool owners) => EstateGenerator.Generate(new GeneratorOptions { Clusters = 6, ServiceAccounts = 200, Seed = 3, Owners = owners }).Estate;

    private static string WithoutMetadata(Estate estate)
    {
        foreach (var role in estate.Accounts.SelectMany(a => a.Roles))
            role.Tags.Clear();
        foreach (var sa in estate.Clusters.SelectMany(c => c.ServiceAccounts))
        {
            sa.Labels.Clear();
            foreach (var key in sa.Annotations.Keys.Where(k => !k.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal)).ToList())
                sa.Annotations.Remove(key);
        }
        return JsonSerializer.Serialize(estate, EstateJson.Options);
    }

    [Fact]
    public void Owners_are_opt_in_and_change_nothing_but_tags_labels_and_annotations()
    {
        var plain = Generate(owners: false);
        var detector = new OwnerDetector(new OwnershipSettings());

        Assert.DoesNotContain(plain.Clusters.SelectMany(c => c.ServiceAccounts), s => detector.ForServiceAccount(s.Labels, s.Annotations) is not null);
        Assert.Equal(WithoutMetadata(plain), WithoutMetadata(Generate(owners: true)));
    }

    [Fact]
    public void Most_irsa_roles_are_terraform_or_eksctl_and_most_service_accounts_helm_or_argo_cd()
    {
        var estate = Generate(owners: true);
        var detector = new OwnerDetector(new OwnershipSettings { TerraformTags = new() { [OwnerMarks.TerraformTagKey] = OwnerMarks.TerraformTagValue } });
        var annotated = estate.Clusters.SelectMany(c => c.ServiceAccounts).Where(s => s.RoleArn is not null && s.Namespace != "kube-system").ToList();
        var arns = annotated.Select(s => s.RoleArn).ToHashSet(StringComparer.Ordinal);
        var roles = estate.Accounts.SelectMany(a => a.Roles.Where(r => arns.Contains(a.RoleArn(r)))).Select(r => detector.ForRole(r.Tags)?.Kind).ToList();
        var accounts = annotated.Select(s => detector.ForServiceAccount(s.Labels, s.Annotations)?.Kind).ToList();
        int Count(List<OwnerKind?> list, OwnerKind kind) => list.Count(k => k == kind);

        var (terraform, eksctl, cloudFormation) = (Count(roles, OwnerKind.Terraform), Count(roles, OwnerKind.Eksctl), Count(roles, OwnerKind.CloudFormation));
        var (helm, argo, flux) = (Count(accounts, OwnerKind.Helm), Count(accounts, OwnerKind.ArgoCd), Count(accounts, OwnerKind.Flux));
        Assert.True(terraform + eksctl > roles.Count * 0.6, $"{terraform} Terraform + {eksctl} eksctl of {roles.Count} roles");
        Assert.True(terraform > 0 && eksctl > 0 && cloudFormation > 0 && roles.Contains(null), $"{terraform}/{eksctl}/{cloudFormation} of {roles.Count}");
        Assert.True(helm + argo > accounts.Count * 0.6, $"{helm} Helm + {argo} Argo CD of {accounts.Count} ServiceAccounts");
        Assert.True(flux > 0 && accounts.Contains(null), $"{helm}/{argo}/{flux} of {accounts.Count}");
    }
}
