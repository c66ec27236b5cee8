using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

public class KeepIrsaReasonTests
{
    private static readonly string Role = RoleArnOf("orders");
    private const string GitHub = "token.actions.githubusercontent.com";

    private static SnapshotBuilder Healthy() => new SnapshotBuilder().Binding(East, "shop", "orders", Role);

    private static BindingAssessment Orders(SnapshotBuilder b, AssessmentSettings? s = null) => AssessmentKit.Assess(b, s).Binding(East, "shop", "orders");

    [Fact]
    public void Cross_account_role_keeps_irsa_and_mentions_target_role_arn()
    {
        var role = RoleArnOf("orders", Other);
        var b = Orders(new SnapshotBuilder().Binding(East, "shop", "orders", role));
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        var r = b.Reason(ReasonCodes.CrossAccount);
        Assert.Contains($"role {role} is in account {Other}; cluster prod (account {Prod}, us-east-1) is in account {Prod}", r.Evidence, StringComparison.Ordinal);
        Assert.Contains("AllowCrossAccountTargetRole", r.SuggestedAction, StringComparison.Ordinal);
        Assert.Contains($"targetRoleArn={role}", r.SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_account_role_coordinates_through_target_role_when_allowed()
    {
        var role = RoleArnOf("orders", Other);
        var b = Orders(new SnapshotBuilder().Binding(East, "shop", "orders", role), new AssessmentSettings { AllowCrossAccountTargetRole = true });
        Assert.Equal(BindingCategory.Coordinate, b.Category);
        Assert.False(b.Has(ReasonCodes.CrossAccount));
        Assert.Contains($"targetRoleArn={role}", b.Reason(ReasonCodes.CrossAccountTargetRole).SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_account_role_is_not_cross_account()
    {
        var b = Orders(Healthy());
        Assert.False(b.Has(ReasonCodes.CrossAccount));
        Assert.False(b.Has(ReasonCodes.CrossAccountTargetRole));
    }

    private static SnapshotBuilder WithGitHubTrust() => Healthy().Role(Role, r => r with
    {
        TrustPolicy = new TrustDocBuilder().IrsaFor(East, "shop", "orders").Irsa(Prod, GitHub, "repo:acme/shop:ref:refs/heads/main").Build(),
    });

    [Fact]
    public void Non_eks_issuer_in_trust_coordinates_when_configured_the_role_keeps_its_statement()
    {
        var b = Orders(WithGitHubTrust(), new AssessmentSettings { ExternalFederationKeepsBindingOnIrsa = false });
        Assert.Equal(BindingCategory.Coordinate, b.Category);
        var e = b.Reason(ReasonCodes.ExternalFederationRoleKeepsIrsa).Evidence;
        Assert.Contains($"statement 2 trusts non-EKS issuer {GitHub} via {ProviderArn(Prod, GitHub)} (account {Prod})", e, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.ExternalFederation));
    }

    [Fact]
    public void External_federation_keeps_the_binding_on_irsa_by_default()
    {
        var b = Orders(WithGitHubTrust());
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains(GitHub, b.Reason(ReasonCodes.ExternalFederation).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Eks_issuer_of_a_cluster_outside_the_inventory_is_external()
    {
        var foreign = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
        var b = Orders(Healthy().Role(Role, r => r with { TrustPolicy = new TrustDocBuilder().IrsaFor(East, "shop", "orders").Irsa(Prod, foreign, "system:serviceaccount:shop:orders").Build() }));
        Assert.Contains($"EKS issuer {foreign} of a cluster not in the inventory", b.Reason(ReasonCodes.ExternalFederation).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Issuer_of_another_inventoried_cluster_is_not_external()
    {
        var builder = Healthy().Cluster(West).Role(Role, r => r with { TrustPolicy = new TrustDocBuilder().IrsaFor(East, "shop", "orders").IrsaFor(West, "shop", "orders").Build() });
        var b = Orders(builder);
        Assert.False(b.Has(ReasonCodes.ExternalFederationRoleKeepsIrsa));
        Assert.False(b.Has(ReasonCodes.ExternalFederation));
    }

    [Theory]
    [InlineData(Placement.Fargate, ReasonCodes.Fargate, "Fargate")]
    [InlineData(Placement.Windows, ReasonCodes.Windows, "Windows nodes")]
    [InlineData(Placement.Hybrid, ReasonCodes.Hybrid, "hybrid nodes")]
    public void Pods_on_unsupported_compute_keep_irsa_naming_pod_and_node(Placement placement, string code, string label)
    {
        var b = Orders(Healthy().EditPods(p => p with { Placement = placement, NodeName = "node-x" }));
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains($"pod orders-app-7d9f-abcde on node node-x (1 of 1 pods on {label})", b.Reason(code).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_pinned_to_fargate_keeps_irsa_even_without_running_pods()
    {
        var b = Orders(Healthy().EditPods(p => p with { Placement = Placement.Ec2Linux }).EditWorkloads(w => w with { TemplatePlacement = Placement.Fargate }));
        Assert.Contains("Deployment orders-app pins Fargate in its pod template", b.Reason(ReasonCodes.Fargate).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_mode_and_linux_ec2_pods_are_supported()
    {
        var b = Orders(Healthy().EditPods(p => p with { Placement = Placement.AutoMode }));
        Assert.DoesNotContain(b.Codes(), c => c is ReasonCodes.Fargate or ReasonCodes.Windows or ReasonCodes.Hybrid);
    }

    [Theory]
    [InlineData("1.23", "eks.9", "runs Kubernetes 1.23 (eks.9); Pod Identity needs 1.24 or later")]
    [InlineData("1.28", "eks.3", "runs Kubernetes 1.28 on platform eks.3; Pod Identity needs eks.4 or later for 1.28")]
    [InlineData("1.24", "eks.12", "needs eks.13 or later for 1.24")]
    public void Old_cluster_versions_cannot_run_pod_identity(string k8s, string platform, string evidence)
    {
        var b = Orders(Healthy().Cluster(East, c => c with { KubernetesVersion = k8s, PlatformVersion = platform }));
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains(evidence, b.Reason(ReasonCodes.ClusterUnsupported).Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.28", "eks.4")]
    [InlineData("1.24", "eks.13")]
    [InlineData("1.32", "eks.1")]
    public void Supported_cluster_versions_pass_the_gate(string k8s, string platform)
    {
        Assert.False(Orders(Healthy().Cluster(East, c => c with { KubernetesVersion = k8s, PlatformVersion = platform })).Has(ReasonCodes.ClusterUnsupported));
    }

    [Fact]
    public void Non_eks_cluster_is_unsupported()
    {
        var b = Orders(Healthy().Cluster(East, c => c with { PlatformVersion = "k3s", OidcIssuer = "https://kubernetes.default.svc" }));
        Assert.Contains("is not EKS (platform version 'k3s'", b.Reason(ReasonCodes.ClusterUnsupported).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_version_is_a_warning_and_skips_the_gate()
    {
        var b = Orders(Healthy().Cluster(East, c => c with { KubernetesVersion = "", PlatformVersion = "" }));
        Assert.False(b.Has(ReasonCodes.ClusterUnsupported));
        Assert.Equal(ReasonSeverity.Warning, b.Reason(ReasonCodes.ClusterVersionUnknown).Severity);
    }

    [Fact]
    public void China_region_keeps_irsa()
    {
        var beijing = new ClusterRef(Prod, "cn-north-1", "bj");
        var b = AssessmentKit.Assess(new SnapshotBuilder().Binding(beijing, "shop", "orders", $"arn:aws-cn:iam::{Prod}:role/orders")).Binding(beijing, "shop", "orders");
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains("is in region cn-north-1 (partition aws-cn)", b.Reason(ReasonCodes.ChinaRegion).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.ClusterUnsupported));
    }

    [Fact]
    public void Commercial_region_is_not_china()
    {
        Assert.False(Orders(Healthy()).Has(ReasonCodes.ChinaRegion));
    }

    [Fact]
    public void Association_quota_exceeded_keeps_irsa()
    {
        var b = Orders(Healthy().Cluster(East, c => c with { AssociationCount = 5000 }));
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains("has 5000 associations and 1 bindings still need one: 5001 > quota 5000", b.Reason(ReasonCodes.AssociationQuota).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Association_quota_with_room_is_fine()
    {
        Assert.False(Orders(Healthy().Cluster(East, c => c with { AssociationCount = 4999 })).Has(ReasonCodes.AssociationQuota));
        Assert.True(Orders(Healthy().Cluster(East, c => c with { AssociationCount = 10 }), new AssessmentSettings { AssociationQuota = 10 }).Has(ReasonCodes.AssociationQuota));
    }

    [Fact]
    public void Hard_coded_web_identity_env_keeps_irsa()
    {
        var b = Orders(Healthy().EditWorkloads(w => w with { HardCodedAwsEnv = ["AWS_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"] }));
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains("Deployment orders-app sets AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE in its pod spec", b.Reason(ReasonCodes.HardcodedWebIdentityEnv).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_hard_coded_aws_env_is_not_web_identity()
    {
        Assert.False(Orders(Healthy().EditWorkloads(w => w with { HardCodedAwsEnv = ["AWS_REGION"] })).Has(ReasonCodes.HardcodedWebIdentityEnv));
    }

    [Fact]
    public void Old_aws_cli_image_keeps_irsa_with_pattern_and_version()
    {
        var b = Orders(Healthy().EditPods(p => p with { Images = ["public.ecr.aws/aws-cli/aws-cli:2.13.0"] }));
        Assert.Equal(BindingCategory.KeepIrsa, b.Category);
        Assert.Contains("image public.ecr.aws/aws-cli/aws-cli:2.13.0 matched pattern", b.Reason(ReasonCodes.OldSdk).Evidence, StringComparison.Ordinal);
        Assert.Contains("AWS CLI v2 2.13.0 < minimum 2.15.0", b.Reason(ReasonCodes.OldSdk).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void New_enough_sdk_image_and_custom_patterns()
    {
        Assert.False(Orders(Healthy().EditPods(p => p with { Images = ["amazon/aws-cli:2.15.1"] })).Has(ReasonCodes.OldSdk));
        var custom = new AssessmentSettings { OldSdkImagePatterns = [new OldSdkImagePattern { Pattern = "^legacy/", Sdk = "Go v1", MinimumVersion = "1.47.11" }] };
        var b = Orders(Healthy().EditWorkloads(w => w with { Images = ["legacy/worker:3"] }), custom);
        Assert.Contains("image legacy/worker:3 matched pattern '^legacy/': Go v1 older than 1.47.11", b.Reason(ReasonCodes.OldSdk).Evidence, StringComparison.Ordinal);
    }
}
