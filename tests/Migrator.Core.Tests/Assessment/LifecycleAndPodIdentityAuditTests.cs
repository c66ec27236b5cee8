using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

/// <summary>The lifecycle of a workload identity and the Pod Identity health audit, each state and reason triggered and not.</summary>
public class LifecycleAndPodIdentityAuditTests
{
    private static readonly string Role = RoleArnOf("orders");

    private static SnapshotBuilder Irsa() => new SnapshotBuilder().Binding(East, "shop", "orders", Role);

    /// <summary>Association + pods.eks trust + pods on Pod Identity, annotation still there and still trusted (the soak).</summary>
    private static SnapshotBuilder CutOver() => Irsa().PodIdentityTrust(Role, East, "shop", "orders").Association(East, "shop", "orders", Role).EditPods(OnPodIdentity);

    private static PodRecord OnPodIdentity(PodRecord p) => p with { CredentialMode = CredentialMode.PodIdentity, InjectedRoleArn = null, PodIdentityLabel = true };

    /// <summary>A native Pod Identity identity: ServiceAccount without annotation, association, scoped trust, pod on Pod Identity.</summary>
    private static SnapshotBuilder Native(string roleArn, Func<AssociationRecord, AssociationRecord>? association = null) => new SnapshotBuilder()
        .Cluster(East)
        .TrustStatement(roleArn, TrustDocBuilder.PodIdentityStatement(East, "shop", "cart"))
        .Association(East, "shop", "cart", roleArn, association)
        .Workload(East, "shop", "cart-app", "cart")
        .Pod(East, "shop", "cart-app-1", "cart", OnPodIdentity);

    private static BindingAssessment Cart(SnapshotBuilder b) => AssessmentKit.Assess(b).Binding(East, "shop", "cart");
    private static BindingAssessment Orders(SnapshotBuilder b) => AssessmentKit.Assess(b).Binding(East, "shop", "orders");

    [Fact]
    public void Annotation_without_association_is_irsa()
    {
        var b = Orders(Irsa());
        Assert.Equal(IdentityLifecycle.Irsa, b.Lifecycle);
        Assert.True(b.IrsaAnnotated);
        Assert.Null(b.AssociationRoleArn);
        Assert.False(b.OnPodIdentity);
    }

    [Fact]
    public void Association_next_to_a_working_annotation_is_the_cut_over_and_counts_as_on_pod_identity()
    {
        var b = Orders(CutOver());
        Assert.Equal(IdentityLifecycle.CutOver, b.Lifecycle);
        Assert.Equal(BindingCategory.Migrated, b.Category);
        Assert.True(b.OnPodIdentity);
        Assert.DoesNotContain(b.Codes(), c => c.StartsWith("cleanup.", StringComparison.Ordinal));
    }

    [Fact]
    public void Association_with_pods_still_on_irsa_is_the_cut_over_waiting_for_a_restart()
    {
        var b = Orders(Irsa().PodIdentityTrust(Role, East, "shop", "orders").Association(East, "shop", "orders", Role));
        Assert.Equal(IdentityLifecycle.CutOver, b.Lifecycle);
        Assert.True(b.Has(ReasonCodes.RestartPending));
        Assert.False(b.OnPodIdentity);
    }

    [Fact]
    public void Association_only_without_leftovers_is_pod_identity_and_migrated()
    {
        var b = Cart(Native(RoleArnOf("cart")));
        Assert.Equal(IdentityLifecycle.PodIdentity, b.Lifecycle);
        Assert.Equal(BindingCategory.Migrated, b.Category);
        Assert.Equal(100, b.Score);
        Assert.False(b.IrsaAnnotated);
        Assert.Equal(RoleArnOf("cart"), b.RoleArn);
        Assert.Equal(RoleArnOf("cart"), b.AssociationRoleArn);
    }

    [Fact]
    public void Annotation_whose_trust_subject_is_gone_on_an_identity_running_on_pod_identity_is_a_cleanup_item_not_broken()
    {
        // An add-on moved through UpdateAddon keeps the annotation its serviceAccountRoleArn writes; cleanup removed the subject.
        var builder = CutOver().Untrust(Role, East, "shop", "orders");
        var b = Orders(builder);
        Assert.Equal(IdentityLifecycle.CleanupPending, b.Lifecycle);
        Assert.Equal(BindingCategory.Migrated, b.Category);
        Assert.False(b.Has(ReasonCodes.TrustDenies));
        Assert.Contains("IRSA no longer admits it", b.Reason(ReasonCodes.CleanupIrsaAnnotation).Evidence, StringComparison.Ordinal);

        // The same annotation with the pods still on IRSA is broken: those pods lost their credentials.
        var stillIrsa = Orders(Irsa().PodIdentityTrust(Role, East, "shop", "orders").Untrust(Role, East, "shop", "orders").Association(East, "shop", "orders", Role));
        Assert.True(stillIrsa.Has(ReasonCodes.TrustDenies));
        Assert.Equal(IdentityLifecycle.CutOver, stillIrsa.Lifecycle);
    }

    [Fact]
    public void Trust_subject_left_after_the_annotation_went_is_a_cleanup_item()
    {
        var builder = CutOver().ServiceAccount(East, "shop", "orders", s => s with { Annotations = new Dictionary<string, string>() });
        var b = Orders(builder);
        Assert.Equal(IdentityLifecycle.CleanupPending, b.Lifecycle);
        Assert.Contains("admits system:serviceaccount:shop:orders", b.Reason(ReasonCodes.CleanupIrsaTrustSubject).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.CleanupIrsaAnnotation));

        var clean = Orders(builder.Untrust(Role, East, "shop", "orders"));
        Assert.Equal(IdentityLifecycle.PodIdentity, clean.Lifecycle);
        Assert.DoesNotContain(clean.Codes(), c => c.StartsWith("cleanup.", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_on_still_naming_an_irsa_role_is_a_cleanup_item()
    {
        var addon = new AddonRecord { Cluster = East, Name = "aws-ebs-csi-driver", ServiceAccountRoleArn = Role, OwnedServiceAccounts = ["shop/orders"] };
        var b = Orders(CutOver().Untrust(Role, East, "shop", "orders").Addon(addon));
        Assert.Equal(IdentityLifecycle.CleanupPending, b.Lifecycle);
        Assert.Contains("serviceAccountRoleArn", b.Reason(ReasonCodes.CleanupAddonRoleArn).Evidence, StringComparison.Ordinal);
        Assert.Contains("UpdateAddon", b.Reason(ReasonCodes.CleanupIrsaAnnotation).SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Association_whose_role_lacks_the_pods_eks_statement_is_broken_not_migrated()
    {
        var b = Orders(Irsa().Association(East, "shop", "orders", Role).EditPods(OnPodIdentity));
        Assert.Equal(BindingCategory.Broken, b.Category);
        Assert.False(b.Has(ReasonCodes.Migrated));
        Assert.Contains("not ready for prod/shop/orders", b.Reason(ReasonCodes.PodIdentityTrustDenies).Evidence, StringComparison.Ordinal);
        Assert.False(Orders(CutOver()).Has(ReasonCodes.PodIdentityTrustDenies));
    }

    [Fact]
    public void Trust_scoped_to_another_service_account_denies_this_one()
    {
        var b = Cart(new SnapshotBuilder().Cluster(East)
            .TrustStatement(RoleArnOf("cart"), TrustDocBuilder.PodIdentityStatement(East, "shop", "payments"))
            .Association(East, "shop", "cart", RoleArnOf("cart"))
            .Workload(East, "shop", "cart-app", "cart").Pod(East, "shop", "cart-app-1", "cart", OnPodIdentity));
        Assert.True(b.Has(ReasonCodes.PodIdentityTrustDenies));
        Assert.Equal(BindingCategory.Broken, b.Category);
    }

    [Fact]
    public void Disabled_session_tags_under_a_tag_scoped_trust_are_broken()
    {
        var b = Cart(Native(RoleArnOf("cart"), a => a with { DisableSessionTags = true }));
        Assert.Contains("disableSessionTags", b.Reason(ReasonCodes.PodIdentitySessionTagsDisabled).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.PodIdentityTrustDenies));

        const string unscoped = """{"Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}""";
        var ok = Cart(new SnapshotBuilder().Cluster(East).TrustStatement(RoleArnOf("cart"), unscoped)
            .Association(East, "shop", "cart", RoleArnOf("cart"), a => a with { DisableSessionTags = true })
            .Workload(East, "shop", "cart-app", "cart").Pod(East, "shop", "cart-app-1", "cart", OnPodIdentity));
        Assert.False(ok.Has(ReasonCodes.PodIdentitySessionTagsDisabled));
        Assert.Equal(BindingCategory.Migrated, ok.Category);
    }

    [Fact]
    public void Association_role_that_does_not_exist_is_broken()
    {
        var missing = RoleArnOf("gone");
        var b = Cart(Native(RoleArnOf("cart")).Association(East, "shop", "cart", missing)
            .AddRole(new RoleRecord { Arn = missing, AccountId = Prod, Name = "gone", Exists = false }));
        Assert.Contains("NoSuchEntity", b.Reason(ReasonCodes.PodIdentityRoleMissing).Evidence, StringComparison.Ordinal);
        Assert.False(Cart(Native(RoleArnOf("cart"))).Has(ReasonCodes.PodIdentityRoleMissing));
    }

    [Fact]
    public void Target_role_that_does_not_trust_the_source_role_breaks_the_chain()
    {
        var source = RoleArnOf("cart");
        var target = RoleArnOf("cart-data", Other);
        string TargetTrust(string principal) =>
            $$"""{"Effect": "Allow", "Principal": {"AWS": "{{principal}}"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}""";

        var broken = Cart(Native(source, a => a with { TargetRoleArn = target }).TrustStatement(target, TargetTrust(RoleArnOf("someone-else"))));
        Assert.Contains("does not admit the source role", broken.Reason(ReasonCodes.PodIdentityTargetRole).Evidence, StringComparison.Ordinal);

        var sound = Cart(Native(source, a => a with { TargetRoleArn = target }).TrustStatement(target, TargetTrust(source)));
        Assert.False(sound.Has(ReasonCodes.PodIdentityTargetRole));
        Assert.Equal(BindingCategory.Migrated, sound.Category);

        var gone = Cart(Native(source, a => a with { TargetRoleArn = target }).AddRole(new RoleRecord { Arn = target, AccountId = Other, Name = "cart-data", Exists = false }));
        Assert.Contains("does not exist", gone.Reason(ReasonCodes.PodIdentityTargetRole).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Association_role_in_another_account_without_target_role_is_broken()
    {
        var foreign = RoleArnOf("cart", Other);
        var b = Cart(Native(foreign));
        Assert.Contains("role account 222222222222, cluster account 111111111111", b.Reason(ReasonCodes.PodIdentityCrossAccountRole).Evidence, StringComparison.Ordinal);
        Assert.False(Cart(Native(RoleArnOf("cart"))).Has(ReasonCodes.PodIdentityCrossAccountRole));
    }

    [Fact]
    public void Inactive_agent_breaks_an_identity_with_an_association()
    {
        var b = Cart(Native(RoleArnOf("cart")).Cluster(East, c => c with { PodIdentityAgentStatus = "DEGRADED" }));
        Assert.Contains("is DEGRADED", b.Reason(ReasonCodes.PodIdentityAgentInactive).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.AgentMissing));
        Assert.False(Cart(Native(RoleArnOf("cart")).Cluster(East, c => c with { PodIdentityAgentStatus = null, AutoMode = true })).Has(ReasonCodes.PodIdentityAgentInactive));
        // Without an association the missing agent stays the plan's job (info).
        Assert.False(Orders(Irsa().Cluster(East, c => c with { PodIdentityAgentStatus = null })).Has(ReasonCodes.PodIdentityAgentInactive));
    }

    [Fact]
    public void Pods_on_fargate_with_an_association_are_broken()
    {
        var b = Cart(Native(RoleArnOf("cart")).EditPods(p => p with { Placement = Placement.Fargate, NodeName = "fargate-ip-10-0-1-1" }));
        Assert.Contains("on Fargate node fargate-ip-10-0-1-1", b.Reason(ReasonCodes.PodIdentityUnsupportedCompute).Evidence, StringComparison.Ordinal);
        Assert.False(Cart(Native(RoleArnOf("cart"))).Has(ReasonCodes.PodIdentityUnsupportedCompute));
    }

    [Fact]
    public void Association_to_a_service_account_the_cluster_lacks_is_still_an_identity()
    {
        var result = AssessmentKit.Assess(Irsa().TrustStatement(RoleArnOf("ghost"), TrustDocBuilder.PodIdentityStatement(East, "shop", "ghost")).Association(East, "shop", "ghost", RoleArnOf("ghost")));
        var ghost = result.Binding(East, "shop", "ghost");
        Assert.False(ghost.IrsaAnnotated);
        Assert.Equal(IdentityLifecycle.PodIdentity, ghost.Lifecycle);
        Assert.Equal(2, result.Bindings.Count);
    }

    [Fact]
    public void Planner_leaves_identities_without_an_irsa_annotation_out_of_the_plan()
    {
        var builder = Irsa().TrustStatement(RoleArnOf("cart"), TrustDocBuilder.PodIdentityStatement(East, "shop", "cart"))
            .Association(East, "shop", "cart", RoleArnOf("cart")).Workload(East, "shop", "cart-app", "cart").Pod(East, "shop", "cart-app-1", "cart", OnPodIdentity);
        var snapshot = builder.Build();
        var plan = Core.Planning.Planner.Create(Assessor.Assess(snapshot, new AssessmentSettings(), At), snapshot, new Core.Planning.PlanningSettings(), At);
        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Bindings), b => b.Key.ServiceAccount == "cart");
        Assert.DoesNotContain(plan.Excluded, e => e.Key.ServiceAccount == "cart");
        Assert.Contains(plan.Phases.SelectMany(p => p.Bindings), b => b.Key.ServiceAccount == "orders");
    }
}
