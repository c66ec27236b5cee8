using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

public class CoordinateAndInfoReasonTests
{
    private static readonly string Role = RoleArnOf("orders");

    private static SnapshotBuilder Healthy() => new SnapshotBuilder().Binding(East, "shop", "orders", Role);

    [Fact]
    public void Service_account_without_pods_or_workloads_is_unused()
    {
        var b = AssessmentKit.Assess(new SnapshotBuilder().Binding(East, "shop", "orders", Role, withWorkload: false).Workload(East, "shop", "web", "default")).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Unused, b.Category);
        Assert.Contains("no pod and none of the 1 workloads in namespace shop of cluster prod (account 111111111111, us-east-1) use serviceAccountName orders", b.Reason(ReasonCodes.NoWorkloads).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Workload_without_running_pods_is_not_unused()
    {
        var b = AssessmentKit.Assess(new SnapshotBuilder().Binding(East, "shop", "orders", Role, withWorkload: false).Workload(East, "shop", "nightly", "orders", w => w with { Kind = WorkloadKind.CronJob })).Binding(East, "shop", "orders");
        Assert.False(b.Has(ReasonCodes.NoWorkloads));
    }

    [Fact]
    public void Role_shared_in_a_cluster_coordinates_with_a_group()
    {
        var result = AssessmentKit.Assess(Healthy().Binding(East, "shop", "payments", Role));
        var b = result.Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Coordinate, b.Category);
        Assert.Equal(Role, b.CoordinationGroup);
        Assert.Contains($"role {Role} is also annotated on shop/payments in cluster prod", b.Reason(ReasonCodes.SharedRole).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.MultiCluster));
        Assert.Contains(result.RoleFindings, f => f.Code == ReasonCodes.RoleShared && f.RoleArn == Role);
    }

    [Fact]
    public void Role_used_in_two_clusters_is_multi_cluster()
    {
        var result = AssessmentKit.Assess(Healthy().Binding(West, "shop", "orders", Role));
        var b = result.Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Coordinate, b.Category);
        Assert.Contains($"role {Role} is also annotated on {West.Key}/shop/orders (1 other cluster(s))", b.Reason(ReasonCodes.MultiCluster).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.SharedRole));
        Assert.Contains(result.RoleFindings, f => f.Code == ReasonCodes.RoleMultiCluster);
        Assert.DoesNotContain(result.RoleFindings, f => f.Code == ReasonCodes.RoleShared);
    }

    [Fact]
    public void Role_used_once_is_neither_shared_nor_multi_cluster()
    {
        var result = AssessmentKit.Assess(Healthy().Binding(East, "shop", "payments", RoleArnOf("payments")));
        var b = result.Binding(East, "shop", "orders");
        Assert.Null(b.CoordinationGroup);
        Assert.DoesNotContain(b.Codes(), c => c is ReasonCodes.SharedRole or ReasonCodes.MultiCluster);
        Assert.DoesNotContain(result.RoleFindings, f => f.Code is ReasonCodes.RoleShared or ReasonCodes.RoleMultiCluster);
    }

    [Fact]
    public void Addon_service_account_is_flagged_for_the_addon_api_and_stays_ready()
    {
        var builder = new SnapshotBuilder().Binding(East, "kube-system", "ebs-csi-controller-sa", RoleArnOf("ebs"))
            .Addon(new AddonRecord { Cluster = East, Name = "aws-ebs-csi-driver", Version = "v1.37.0-eksbuild.1", OwnedServiceAccounts = ["kube-system/ebs-csi-controller-sa"] });
        var b = AssessmentKit.Assess(builder).Binding(East, "kube-system", "ebs-csi-controller-sa");
        Assert.Equal(BindingCategory.Ready, b.Category);
        Assert.Equal(ReasonSeverity.Warning, b.Reason(ReasonCodes.AddonOwned).Severity);
        Assert.Equal("aws-ebs-csi-driver", b.OwningAddon);
        Assert.False(b.CanaryCandidate);
        Assert.Contains("add-on aws-ebs-csi-driver v1.37.0-eksbuild.1 on cluster prod", b.Reason(ReasonCodes.AddonOwned).Evidence, StringComparison.Ordinal);
        Assert.Contains("UpdateAddon", b.Reason(ReasonCodes.AddonOwned).SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Addon_in_another_cluster_does_not_own_the_service_account()
    {
        var builder = Healthy().Addon(new AddonRecord { Cluster = West, Name = "x", OwnedServiceAccounts = ["shop/orders"] });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Null(b.OwningAddon);
        Assert.False(b.Has(ReasonCodes.AddonOwned));
    }

    [Fact]
    public void Missing_agent_is_info_and_leaves_the_binding_ready()
    {
        var b = AssessmentKit.Assess(Healthy().Cluster(East, c => c with { PodIdentityAgentStatus = null })).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Ready, b.Category);
        Assert.Equal(ReasonSeverity.Info, b.Reason(ReasonCodes.AgentMissing).Severity);
        Assert.Contains("add-on eks-pod-identity-agent on cluster prod (account 111111111111, us-east-1) is not installed", b.Reason(ReasonCodes.AgentMissing).Evidence, StringComparison.Ordinal);
        Assert.Equal(95, b.Score);
    }

    [Fact]
    public void Auto_mode_cluster_needs_no_agent_addon()
    {
        var b = AssessmentKit.Assess(Healthy().Cluster(East, c => c with { PodIdentityAgentStatus = null, AutoMode = true })).Binding(East, "shop", "orders");
        Assert.False(b.Has(ReasonCodes.AgentMissing));
    }

    [Fact]
    public void Association_to_same_role_with_pod_identity_pods_is_migrated()
    {
        var builder = Healthy().PodIdentityTrust(Role, East, "shop", "orders").Association(East, "shop", "orders", Role).EditPods(p => p with { CredentialMode = CredentialMode.PodIdentity, InjectedRoleArn = null, PodIdentityLabel = true });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Migrated, b.Category);
        Assert.Contains("all 1 pods carry AWS_CONTAINER_CREDENTIALS_FULL_URI", b.Reason(ReasonCodes.Migrated).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.StalePodEnv));
    }

    [Fact]
    public void Cronjob_that_has_not_run_a_pod_on_pod_identity_keeps_the_binding_from_migrated()
    {
        var builder = Healthy().PodIdentityTrust(Role, East, "shop", "orders").Association(East, "shop", "orders", Role).EditPods(p => p with { CredentialMode = CredentialMode.PodIdentity, InjectedRoleArn = null, PodIdentityLabel = true })
            .Workload(East, "shop", "nightly", "orders", w => w with { Kind = WorkloadKind.CronJob });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.NotEqual(BindingCategory.Migrated, b.Category);
        Assert.Contains("no pod of CronJob(s) shop/nightly has run on Pod Identity yet", b.Reason(ReasonCodes.CronJobRunPending).Evidence, StringComparison.Ordinal);

        var ran = AssessmentKit.Assess(builder.Pod(East, "shop", "nightly-29001-x", "orders", p => p with { OwnerKind = WorkloadKind.CronJob, OwnerName = "nightly", CredentialMode = CredentialMode.PodIdentity, InjectedRoleArn = null, PodIdentityLabel = true }))
            .Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Migrated, ran.Category);
    }

    [Fact]
    public void Association_with_pods_still_on_irsa_is_a_pending_restart_not_migrated()
    {
        var b = AssessmentKit.Assess(Healthy().PodIdentityTrust(Role, East, "shop", "orders").Association(East, "shop", "orders", Role)).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Ready, b.Category);
        Assert.False(b.Has(ReasonCodes.Migrated));
        Assert.Contains("1 of 1 pods still carry IRSA env: orders-app-7d9f-abcde", b.Reason(ReasonCodes.RestartPending).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_identity_env_without_any_association_is_stale()
    {
        var b = AssessmentKit.Assess(Healthy().EditPods(p => p with { CredentialMode = CredentialMode.PodIdentity })).Binding(East, "shop", "orders");
        Assert.Contains("has Pod Identity env but no association exists", b.Reason(ReasonCodes.StalePodEnv).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Partially_collected_cluster_is_a_warning()
    {
        var b = AssessmentKit.Assess(Healthy().Cluster(East, c => c with { CollectionError = "pods: 403 Forbidden" })).Binding(East, "shop", "orders");
        Assert.Contains("pods: 403 Forbidden", b.Reason(ReasonCodes.ClusterPartial).Evidence, StringComparison.Ordinal);
        Assert.False(AssessmentKit.Assess(Healthy()).Binding(East, "shop", "orders").Has(ReasonCodes.ClusterPartial));
    }
}
