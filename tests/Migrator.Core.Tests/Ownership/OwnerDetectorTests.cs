using Migrator.Core.Ownership;

namespace Migrator.Core.Tests.Ownership;

public class OwnerDetectorTests
{
    private static readonly Dictionary<string, string> None = [];
    private static readonly OwnerDetector Defaults = new(new OwnershipSettings());

    [Fact]
    public void CloudFormation_role_is_found_by_its_stack_tags()
    {
        var byName = Defaults.ForRole(new Dictionary<string, string> { ["aws:cloudformation:stack-name"] = "payments-iam", ["team"] = "pay" });
        var byId = Defaults.ForRole(new Dictionary<string, string> { ["aws:cloudformation:stack-id"] = "arn:aws:cloudformation:us-east-1:1:stack/x/y" });

        Assert.Equal(new ResourceOwner(OwnerKind.CloudFormation, "payments-iam", "tag aws:cloudformation:stack-name=payments-iam"), byName);
        Assert.Equal(OwnerKind.CloudFormation, byId!.Kind);
    }

    [Fact]
    public void Eksctl_role_is_found_by_its_tags_or_its_stack_name_before_cloudformation()
    {
        const string stack = "eksctl-prod-addon-iamserviceaccount-team-a-api";
        var tagged = Defaults.ForRole(new Dictionary<string, string> { ["alpha.eksctl.io/cluster-name"] = "prod", ["aws:cloudformation:stack-name"] = stack });
        var stackOnly = Defaults.ForRole(new Dictionary<string, string> { ["aws:cloudformation:stack-name"] = stack });
        var tagOnly = Defaults.ForRole(new Dictionary<string, string> { ["alpha.eksctl.io/cluster-name"] = "prod" });

        Assert.Equal(OwnerKind.Eksctl, tagged!.Kind);
        Assert.Equal(stack, tagged.Name);
        Assert.Equal(OwnerKind.Eksctl, stackOnly!.Kind);
        Assert.Equal(OwnerKind.Eksctl, tagOnly!.Kind);
        Assert.Null(tagOnly.Name);
    }

    [Fact]
    public void Terraform_is_not_assumed_by_default_and_is_found_by_the_configured_tags()
    {
        var tags = new Dictionary<string, string> { ["managed-by"] = "terraform" };
        var configured = new OwnerDetector(new OwnershipSettings { TerraformTags = new() { ["managed-by"] = "Terraform" } });
        var anyValue = new OwnerDetector(new OwnershipSettings { TerraformTags = new() { ["tf-workspace"] = "*" } });

        Assert.Null(Defaults.ForRole(tags));
        Assert.Equal(new ResourceOwner(OwnerKind.Terraform, null, "tag managed-by=terraform"), configured.ForRole(tags));
        Assert.Null(configured.ForRole(new Dictionary<string, string> { ["managed-by"] = "pulumi" }));
        Assert.Equal("prod-iam", anyValue.ForRole(new Dictionary<string, string> { ["tf-workspace"] = "prod-iam" })!.Name);
    }

    [Fact]
    public void Helm_service_account_is_found_by_its_label_or_release_annotation()
    {
        var label = Defaults.ForServiceAccount(new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "Helm" }, None);
        var annotation = Defaults.ForServiceAccount(None, new Dictionary<string, string> { ["meta.helm.sh/release-name"] = "payments", ["meta.helm.sh/release-namespace"] = "pay" });

        Assert.Equal(new ResourceOwner(OwnerKind.Helm, null, "label app.kubernetes.io/managed-by=Helm"), label);
        Assert.Equal(new ResourceOwner(OwnerKind.Helm, "payments", "annotation meta.helm.sh/release-name=payments"), annotation);
        Assert.Null(Defaults.ForServiceAccount(new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "kubectl" }, None));
    }

    [Fact]
    public void Argo_cd_is_found_by_its_tracking_id_and_by_the_instance_label_only_when_configured()
    {
        var tracked = Defaults.ForServiceAccount(new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "Helm" },
            new Dictionary<string, string> { ["argocd.argoproj.io/tracking-id"] = "payments-prod:/ServiceAccount:pay/api", ["meta.helm.sh/release-name"] = "payments" });
        var instance = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "payments-prod" };
        var withInstanceLabel = new OwnerDetector(new OwnershipSettings { ArgoCdInstanceLabel = true });

        Assert.Equal(new ResourceOwner(OwnerKind.ArgoCd, "payments-prod", "annotation argocd.argoproj.io/tracking-id=payments-prod:/ServiceAccount:pay/api"), tracked);
        Assert.Null(Defaults.ForServiceAccount(instance, None));
        Assert.Equal(new ResourceOwner(OwnerKind.ArgoCd, "payments-prod", "label app.kubernetes.io/instance=payments-prod"), withInstanceLabel.ForServiceAccount(instance, None));
    }

    [Fact]
    public void Flux_is_found_by_its_kustomize_or_helm_controller_labels_before_helm()
    {
        var kustomize = Defaults.ForServiceAccount(new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/name"] = "apps", ["kustomize.toolkit.fluxcd.io/namespace"] = "flux-system" }, None);
        var helmController = Defaults.ForServiceAccount(new Dictionary<string, string> { ["helm.toolkit.fluxcd.io/name"] = "podinfo", ["app.kubernetes.io/managed-by"] = "Helm" }, None);

        Assert.Equal(new ResourceOwner(OwnerKind.Flux, "apps", "label kustomize.toolkit.fluxcd.io/name=apps"), kustomize);
        Assert.Equal(OwnerKind.Flux, helmController!.Kind);
        Assert.Equal("podinfo", helmController.Name);
    }

    [Fact]
    public void Nothing_known_means_no_owner()
    {
        Assert.Null(Defaults.ForRole(new Dictionary<string, string> { ["team"] = "payments", ["Name"] = "api" }));
        Assert.Null(Defaults.ForServiceAccount(new Dictionary<string, string> { ["app"] = "api" }, new Dictionary<string, string> { ["kubectl.kubernetes.io/restartedAt"] = "now" }));
    }

    [Fact]
    public void Configured_rules_replace_the_defaults()
    {
        var detector = new OwnerDetector(new OwnershipSettings
        {
            Rules = [new OwnerRule { Owner = OwnerKind.Helm, Source = OwnerSource.ServiceAccountLabel, Key = "owner", Value = "platform-*" }],
        });

        Assert.Equal(OwnerKind.Helm, detector.ForServiceAccount(new Dictionary<string, string> { ["owner"] = "platform-team" }, None)!.Kind);
        Assert.Null(detector.ForServiceAccount(new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "Helm" }, None));
        Assert.Null(detector.ForRole(new Dictionary<string, string> { ["aws:cloudformation:stack-name"] = "s" }));
    }

    [Theory]
    [InlineData("eksctl-*", "eksctl-prod-addon", true)]
    [InlineData("eksctl-*", "EKSCTL-prod", true)]
    [InlineData("eksctl-*", "my-eksctl-prod", false)]
    [InlineData("*-iam", "payments-iam", true)]
    [InlineData("a*b*c", "a-x-b-y-c", true)]
    [InlineData("a*b*c", "a-x-c", false)]
    [InlineData("Helm", "helm", true)]
    public void Values_match_with_wildcards_ignoring_case(string pattern, string value, bool matches) =>
        Assert.Equal(matches, OwnerDetector.Glob(pattern, value));

    [Fact]
    public void Default_modes_are_change_set_for_every_owner_and_direct_without_one()
    {
        Assert.Equal(ExecutionMode.Direct, OwnerModes.Of(new Dictionary<OwnerKind, ExecutionMode>(), null));
        foreach (var kind in new[] { OwnerKind.Terraform, OwnerKind.CloudFormation, OwnerKind.Eksctl, OwnerKind.Helm, OwnerKind.ArgoCd, OwnerKind.Flux })
            Assert.Equal(ExecutionMode.ChangeSet, OwnerModes.Of(new Dictionary<OwnerKind, ExecutionMode>(), new ResourceOwner(kind, null, "")));
        Assert.Equal(ExecutionMode.Direct, OwnerModes.Of(new Dictionary<OwnerKind, ExecutionMode> { [OwnerKind.Helm] = ExecutionMode.Direct }, new ResourceOwner(OwnerKind.Helm, null, "")));
    }
}
