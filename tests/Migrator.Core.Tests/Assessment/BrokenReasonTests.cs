using Migrator.Core.Assessment;
using Migrator.Core.Inventory;
using static Migrator.Core.Tests.Assessment.Estates;

namespace Migrator.Core.Tests.Assessment;

public class BrokenReasonTests
{
    private static readonly string Role = RoleArnOf("orders");

    private static SnapshotBuilder Healthy() => new SnapshotBuilder().Binding(East, "shop", "orders", Role);

    [Fact]
    public void Healthy_binding_is_ready_with_full_score_and_no_reasons()
    {
        var b = AssessmentKit.Assess(Healthy()).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Ready, b.Category);
        Assert.Equal(100, b.Score);
        Assert.Empty(b.Reasons);
        Assert.True(b.CanaryCandidate);
        Assert.Equal(1, b.PodCount);
        Assert.Equal([new WorkloadRef(WorkloadKind.Deployment, "shop", "orders-app")], b.Workloads);
    }

    [Fact]
    public void Malformed_annotation_is_broken_with_the_problem_named()
    {
        var builder = new SnapshotBuilder().Binding(East, "shop", "orders", "arn:aws:iam::12345:role/orders");
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        var r = b.Reason(ReasonCodes.MalformedAnnotation);
        Assert.Contains("account '12345' is not 12 digits", r.Evidence, StringComparison.Ordinal);
        Assert.Contains("Request ARN is invalid", r.Evidence, StringComparison.Ordinal);
        Assert.Equal(ReasonSeverity.Blocker, r.Severity);
    }

    [Theory]
    [InlineData("arn:aws:iam::111111111111:role/orders")]
    [InlineData("arn:aws:iam::111111111111:role/team/a/orders")]
    [InlineData("arn:aws-cn:iam::111111111111:role/orders")]
    public void Valid_role_arns_with_path_or_partition_parse(string raw)
    {
        Assert.True(RoleArn.TryParse(raw, out var arn, out _));
        Assert.Equal("orders", arn!.Name);
    }

    [Theory]
    [InlineData(" arn:aws:iam::111111111111:role/orders", "whitespace")]
    [InlineData("orders", "not an ARN")]
    [InlineData("arn:aws:s3::111111111111:role/orders", "service is 's3'")]
    [InlineData("arn:aws:iam::111111111111:user/orders", "is not role/NAME")]
    [InlineData("arn:aws:iam:us-east-1:111111111111:role/orders", "no region")]
    public void Malformed_role_arns_say_what_is_wrong(string raw, string problem)
    {
        Assert.False(RoleArn.TryParse(raw, out _, out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_role_is_broken_and_names_the_role()
    {
        var b = AssessmentKit.Assess(Healthy().Role(Role, r => r with { Exists = false, TrustPolicy = null })).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        Assert.Contains($"IAM GetRole for {Role}", b.Reason(ReasonCodes.RoleMissing).Evidence, StringComparison.Ordinal);
        Assert.Contains("NoSuchEntity", b.Reason(ReasonCodes.RoleMissing).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_whose_get_role_failed_transiently_is_unassessed_with_a_retry_hint_and_never_planned()
    {
        var snapshot = Healthy().Role(Role, r => r with { LookupError = "ServiceUnavailable (503): try again", TrustPolicy = null });
        var result = AssessmentKit.Assess(snapshot);
        var b = result.Binding(East, "shop", "orders");

        Assert.False(b.Has(ReasonCodes.RoleMissing));
        Assert.Equal(BindingCategory.Unassessed, b.Category);
        Assert.False(b.CanaryCandidate);
        var reason = b.Reason(ReasonCodes.RoleLookupFailed);
        Assert.Contains("GetRole failed: ServiceUnavailable (503)", reason.Evidence, StringComparison.Ordinal);
        Assert.Contains("Re-run 'migrator inventory'", reason.SuggestedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("Aws:Accounts", reason.SuggestedAction, StringComparison.Ordinal);

        var plan = Migrator.Core.Planning.Planner.Create(result, snapshot.Build(), new Migrator.Core.Planning.PlanningSettings(), Estates.At);
        Assert.DoesNotContain(plan.Phases.SelectMany(p => p.Bindings), pb => pb.Key == b.Key);
        var excluded = Assert.Single(plan.Excluded, e => e.Key == b.Key);
        Assert.Contains(excluded.Reasons, r => r.StartsWith(ReasonCodes.RoleLookupFailed, StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_the_inventory_may_not_read_says_to_grant_get_role()
    {
        var b = AssessmentKit.Assess(Healthy().Role(Role, r => r with { LookupError = "AccessDenied: iam:GetRole", TrustPolicy = null })).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Unassessed, b.Category);
        Assert.Contains("Grant iam:GetRole on", b.Reason(ReasonCodes.RoleLookupFailed).SuggestedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_oidc_provider_names_account_issuer_and_cluster()
    {
        var b = AssessmentKit.Assess(Healthy().WithoutProvider(Prod, Issuer(East))).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        var e = b.Reason(ReasonCodes.OidcProviderMissing).Evidence;
        Assert.Contains($"account {Prod} (role orders) has no IAM OIDC provider for issuer {Issuer(East)} of cluster prod (account {Prod}, us-east-1)", e, StringComparison.Ordinal);
        Assert.Contains("No OpenIDConnect provider found", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_check_is_skipped_for_accounts_whose_providers_were_not_listed()
    {
        var role = RoleArnOf("orders", Other);
        var b = AssessmentKit.Assess(new SnapshotBuilder().Binding(East, "shop", "orders", role)).Binding(East, "shop", "orders");
        Assert.False(b.Has(ReasonCodes.OidcProviderMissing));
    }

    [Fact]
    public void Audience_not_in_provider_client_ids_is_broken()
    {
        var b = AssessmentKit.Assess(Healthy().Provider(Prod, Issuer(East), "custom-aud")).Binding(East, "shop", "orders");
        var e = b.Reason(ReasonCodes.AudienceMismatch).Evidence;
        Assert.Contains("requests audience 'sts.amazonaws.com'", e, StringComparison.Ordinal);
        Assert.Contains("accepts client IDs [custom-aud]", e, StringComparison.Ordinal);
        Assert.Equal(BindingCategory.Broken, b.Category);
    }

    [Fact]
    public void Annotation_audience_refused_by_trust_is_audience_mismatch_not_trust_denies()
    {
        var builder = Healthy()
            .Provider(Prod, Issuer(East), "sts.amazonaws.com", "vault")
            .ServiceAccount(East, "shop", "orders", s => s with { Annotations = new Dictionary<string, string>(s.Annotations) { [ServiceAccountRecord.AudienceAnnotation] = "vault" } });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Contains($"trust statement 1 requires {Issuer(East)}:aud in [sts.amazonaws.com]", b.Reason(ReasonCodes.AudienceMismatch).Evidence, StringComparison.Ordinal);
        Assert.False(b.Has(ReasonCodes.TrustDenies));
    }

    [Fact]
    public void Trust_that_names_another_service_account_denies_with_the_engines_explanation()
    {
        var builder = Healthy().Role(Role, r => r with { TrustPolicy = new TrustDocBuilder().IrsaFor(East, "shop", "billing").Build() });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        var e = b.Reason(ReasonCodes.TrustDenies).Evidence;
        Assert.Contains($"AssumeRoleWithWebIdentity for system:serviceaccount:shop:orders from issuer {Issuer(East)} (provider account {Prod}) on role {Role}", e, StringComparison.Ordinal);
        Assert.Contains("statement 1", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Association_to_another_role_is_broken()
    {
        var other = RoleArnOf("orders-v2");
        var b = AssessmentKit.Assess(Healthy().Association(East, "shop", "orders", other)).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        var e = b.Reason(ReasonCodes.AssociationOtherRole).Evidence;
        Assert.Contains($"maps shop/orders to {other}", e, StringComparison.Ordinal);
        Assert.Contains($"the annotation says {Role}", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Association_to_the_same_role_is_not_other_role()
    {
        var b = AssessmentKit.Assess(Healthy().Association(East, "shop", "orders", Role)).Binding(East, "shop", "orders");
        Assert.False(b.Has(ReasonCodes.AssociationOtherRole));
    }

    [Fact]
    public void Pod_with_an_old_role_arn_is_stale()
    {
        var old = RoleArnOf("orders-old");
        var b = AssessmentKit.Assess(Healthy().EditPods(p => p with { InjectedRoleArn = old })).Binding(East, "shop", "orders");
        Assert.Equal(BindingCategory.Broken, b.Category);
        Assert.Contains($"pod orders-app-7d9f-abcde started 2026-11-27T10:00:00Z has AWS_ROLE_ARN={old}", b.Reason(ReasonCodes.StalePodEnv).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_started_before_the_annotation_without_env_is_stale()
    {
        var builder = Healthy().EditPods(p => p with { CredentialMode = CredentialMode.None, InjectedRoleArn = null, StartedAt = Earlier.AddDays(-2) });
        var b = AssessmentKit.Assess(builder).Binding(East, "shop", "orders");
        Assert.Contains("before the annotation changed at 2026-11-20T08:00:00Z has no AWS credential env", b.Reason(ReasonCodes.StalePodEnv).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_with_current_irsa_env_are_not_stale()
    {
        Assert.False(AssessmentKit.Assess(Healthy()).Binding(East, "shop", "orders").Has(ReasonCodes.StalePodEnv));
    }
}
