using System.Security.Cryptography.X509Certificates;
using System.Text;
using Migrator.Core.Ports;
using static Migrator.Sandbox.Tests.Aws.AwsSandbox;

namespace Migrator.Sandbox.Tests.Aws;

public sealed class EksClientTests
{
    private static readonly AwsScope EastA = new(AccountA, "us-east-1");
    private static readonly AwsScope WestA = new(AccountA, "eu-west-1");
    private static readonly AwsScope EastB = new(AccountB, "us-east-1");
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public void Every_EKS_wire_shape_has_generated_serialization_code()
    {
        // EksWire's options resolve only through the generated context: a shape left out of it fails at its first call.
        var assembly = typeof(Migrator.Aws.Eks.EksClient).Assembly;
        var wire = assembly.GetType("Migrator.Aws.Eks.EksWire", throwOnError: true)!;
        var options = (System.Text.Json.JsonSerializerOptions)wire.GetField("Json")!.GetValue(null)!;
        var shapes = wire.GetNestedTypes(System.Reflection.BindingFlags.Public).Where(t => t.Name.EndsWith("Response", StringComparison.Ordinal) || t.Name.EndsWith("Request", StringComparison.Ordinal)).ToList();

        Assert.True(shapes.Count >= 10, $"only {shapes.Count} request and response shapes found");
        Assert.All(shapes, t => Assert.NotNull(options.TypeInfoResolver!.GetTypeInfo(t, options)));
        Assert.Equal("Migrator.Aws.Eks.EksWireContext", options.TypeInfoResolver!.GetType().FullName);
    }

    [Fact]
    public async Task ListClusters_follows_nextToken_across_pages_in_the_signed_region()
    {
        await using var sandbox = await StartAsync();

        var west = await sandbox.Eks.ListClustersAsync(WestA, _ct);
        var east = await sandbox.Eks.ListClustersAsync(EastA, _ct);

        Assert.Equal(PagedClusters, west.Count);
        Assert.Equal(Enumerable.Range(0, PagedClusters).Select(i => $"edge-{i:000}"), west);
        Assert.Equal(["alpha"], east);
        Assert.Equal(3, sandbox.Server.Counters.Calls(SandboxService.Eks, "ListClusters"));
    }

    [Fact]
    public async Task DescribeCluster_gives_issuer_versions_endpoint_and_a_parsable_ca()
    {
        await using var sandbox = await StartAsync();

        var alpha = await sandbox.Eks.DescribeClusterAsync(EastA, "alpha", _ct);
        var bravo = await sandbox.Eks.DescribeClusterAsync(EastB, "bravo", _ct);

        Assert.Equal("https://" + IssuerA, alpha.OidcIssuer);
        Assert.Equal(("1.30", "eks.8", "ACTIVE"), (alpha.Version, alpha.PlatformVersion, alpha.Status));
        Assert.Equal($"arn:aws:eks:us-east-1:{AccountA}:cluster/alpha", alpha.Arn);
        Assert.Equal(sandbox.Server.Endpoints.ClusterUrl(AccountA, "us-east-1", "alpha"), alpha.Endpoint);
        Assert.False(alpha.AutoMode);
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(alpha.CertificateAuthorityData!)));
        Assert.Equal("CN=kubernetes", ca.Subject);
        Assert.True(bravo.AutoMode);
    }

    [Fact]
    public async Task Another_accounts_cluster_is_not_found_with_these_credentials()
    {
        await using var sandbox = await StartAsync();

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.DescribeClusterAsync(EastA, "bravo", _ct));

        Assert.Equal(("ResourceNotFoundException", 404), (e.ErrorCode, e.StatusCode));
        Assert.Contains("bravo", e.AwsMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.DescribeAddonAsync(EastA, "bravo", "vpc-cni", _ct));
    }

    [Fact]
    public async Task ListPodIdentityAssociations_pages_and_filters_and_describe_gives_the_role()
    {
        await using var sandbox = await StartAsync();

        var all = await sandbox.Eks.ListPodIdentityAssociationsAsync(EastA, "alpha", null, null, _ct);
        var apps = await sandbox.Eks.ListPodIdentityAssociationsAsync(EastA, "alpha", "apps", null, _ct);
        var one = await sandbox.Eks.ListPodIdentityAssociationsAsync(EastA, "alpha", "tools", "app-001", _ct);
        var described = await sandbox.Eks.DescribePodIdentityAssociationAsync(EastA, "alpha", one.Single().AssociationId, _ct);

        Assert.Equal(PreloadedAssociations, all.Select(a => a.AssociationId).Distinct().Count());
        Assert.Equal(PreloadedAssociations / 2, apps.Count);
        Assert.All(apps, a => Assert.Equal("apps", a.Namespace));
        Assert.Equal(RoleArn(AccountA, "app-001", "/apps/"), described.RoleArn);
        Assert.Equal($"arn:aws:eks:us-east-1:{AccountA}:podidentityassociation/alpha/{described.AssociationId}", described.AssociationArn);
        Assert.Equal(2 + 1 + 1, sandbox.Server.Counters.Calls(SandboxService.Eks, "ListPodIdentityAssociations"));
    }

    [Fact]
    public async Task Association_lifecycle_create_conflict_update_delete()
    {
        await using var sandbox = await StartAsync();
        var request = new CreateAssociationRequest
        {
            ClusterName = "alpha", Namespace = "payments", ServiceAccount = "api", RoleArn = RoleArn(AccountA, "payments-api", "/workloads/"),
            Tags = new Dictionary<string, string> { ["migrated-by"] = "migrator" },
        };

        var created = await sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, request, _ct);
        var conflict = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, request, _ct));
        var updated = await sandbox.Eks.UpdatePodIdentityAssociationAsync(EastA, "alpha", created.AssociationId, RoleArn(AccountA, "app-005", "/apps/"), null, true, _ct);
        await sandbox.Eks.DeletePodIdentityAssociationAsync(EastA, "alpha", created.AssociationId, _ct);
        var gone = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.DescribePodIdentityAssociationAsync(EastA, "alpha", created.AssociationId, _ct));

        Assert.Matches("^a-[a-z0-9]{17}$", created.AssociationId);
        Assert.Equal(("payments", "api", request.RoleArn), (created.Namespace, created.ServiceAccount, created.RoleArn));
        Assert.NotNull(created.CreatedAt);
        Assert.Equal((409, "ResourceInUseException", "Association already exists"), (conflict.StatusCode, conflict.ErrorCode, conflict.AwsMessage));
        Assert.Equal((RoleArn(AccountA, "app-005", "/apps/"), true), (updated.RoleArn, updated.DisableSessionTags));
        Assert.Equal(("ResourceNotFoundException", 404), (gone.ErrorCode, gone.StatusCode));
        // The refused second create arrived (2 calls) but changed nothing (1 applied).
        Assert.Equal((2, 1), (sandbox.Server.Counters.Calls(SandboxService.Eks, "CreatePodIdentityAssociation"), sandbox.Server.Counters.Applied(SandboxService.Eks, "CreatePodIdentityAssociation")));
        Assert.Equal(1, sandbox.Server.Counters.Applied(SandboxService.Eks, "UpdatePodIdentityAssociation"));
        Assert.Equal(1, sandbox.Server.Counters.Applied(SandboxService.Eks, "DeletePodIdentityAssociation"));
    }

    [Fact]
    public async Task Create_is_idempotent_for_the_same_client_request_token()
    {
        await using var sandbox = await StartAsync();
        var request = new CreateAssociationRequest
        {
            ClusterName = "alpha", Namespace = "payments", ServiceAccount = "api", RoleArn = RoleArn(AccountA, "payments-api", "/workloads/"),
            ClientRequestToken = "journal-entry-42",
        };

        var first = await sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, request, _ct);
        var again = await sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, request, _ct);

        Assert.Equal(first.AssociationId, again.AssociationId);
        Assert.Equal((2, 1), (sandbox.Server.Counters.Calls(SandboxService.Eks, "CreatePodIdentityAssociation"), sandbox.Server.Counters.Applied(SandboxService.Eks, "CreatePodIdentityAssociation")));
    }

    [Fact]
    public async Task Create_refuses_missing_roles_and_roles_of_another_account()
    {
        await using var sandbox = await StartAsync();
        CreateAssociationRequest For(string roleArn) => new() { ClusterName = "alpha", Namespace = "ledger", ServiceAccount = "writer", RoleArn = roleArn };

        var missing = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, For(RoleArn(AccountA, "nope")), _ct));
        var foreign = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, For(RoleArn(AccountB, "b-only")), _ct));
        var crossAccount = await sandbox.Eks.CreatePodIdentityAssociationAsync(EastA,
            For(RoleArn(AccountA, "payments-api", "/workloads/")) with { TargetRoleArn = RoleArn(AccountB, "b-only") }, _ct);

        Assert.Equal(("InvalidParameterException", "Role provided in the request does not exist"), (missing.ErrorCode, missing.AwsMessage));
        Assert.Equal("InvalidParameterException", foreign.ErrorCode);
        Assert.Equal(RoleArn(AccountB, "b-only"), crossAccount.TargetRoleArn);
    }

    [Fact]
    public async Task Addons_create_then_active_and_update_with_pod_identity_owns_associations()
    {
        await using var sandbox = await StartAsync();

        var before = await sandbox.Eks.DescribeAddonAsync(EastA, "alpha", "eks-pod-identity-agent", _ct);
        var created = await sandbox.Eks.CreateAddonAsync(EastA, "alpha", "eks-pod-identity-agent", _ct);
        var active = await sandbox.Eks.DescribeAddonAsync(EastA, "alpha", "eks-pod-identity-agent", _ct);
        var duplicate = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.CreateAddonAsync(EastA, "alpha", "eks-pod-identity-agent", _ct));
        await sandbox.Eks.UpdateAddonPodIdentityAsync(EastA, "alpha", "aws-ebs-csi-driver",
            [new AddonPodIdentity("ebs-csi-controller-sa", RoleArn(AccountA, "app-007", "/apps/"))], _ct);
        var ebs = await sandbox.Eks.DescribeAddonAsync(EastA, "alpha", "aws-ebs-csi-driver", _ct);
        var owned = await sandbox.Eks.ListPodIdentityAssociationsAsync(EastA, "alpha", "kube-system", "ebs-csi-controller-sa", _ct);
        var deleteOwned = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.DeletePodIdentityAssociationAsync(EastA, "alpha", owned.Single().AssociationId, _ct));

        Assert.Null(before);
        Assert.Equal("CREATING", created.Status);
        Assert.Equal("ACTIVE", active!.Status);
        Assert.Equal(["aws-ebs-csi-driver", "eks-pod-identity-agent", "vpc-cni"], await sandbox.Eks.ListAddonsAsync(EastA, "alpha", _ct));
        Assert.Equal(409, duplicate.StatusCode);
        Assert.Equal(ebs!.Arn, owned.Single().OwnerArn);
        Assert.Equal([owned.Single().AssociationArn], ebs.PodIdentityAssociationArns);
        Assert.Equal("InvalidRequestException", deleteOwned.ErrorCode);
    }

    [Fact]
    public async Task Create_beyond_the_per_cluster_quota_is_refused()
    {
        await using var sandbox = await StartAsync(r => r.AssociationQuotaPerCluster = PreloadedAssociations);

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, new CreateAssociationRequest
        {
            ClusterName = "alpha", Namespace = "payments", ServiceAccount = "api", RoleArn = RoleArn(AccountA, "payments-api", "/workloads/"),
        }, _ct));

        Assert.Equal(("ResourceLimitExceededException", 400), (e.ErrorCode, e.StatusCode));
    }

    [Fact]
    public async Task UpdateAddon_does_not_take_over_an_association_it_does_not_own()
    {
        await using var sandbox = await StartAsync();
        await sandbox.Eks.CreatePodIdentityAssociationAsync(EastA, new CreateAssociationRequest
        {
            ClusterName = "alpha", Namespace = "kube-system", ServiceAccount = "aws-node", RoleArn = RoleArn(AccountA, "app-001", "/apps/"),
        }, _ct);

        var e = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.UpdateAddonPodIdentityAsync(EastA, "alpha", "vpc-cni",
            [new AddonPodIdentity("aws-node", RoleArn(AccountA, "app-002", "/apps/"))], _ct));

        Assert.Equal(("ResourceInUseException", 409), (e.ErrorCode, e.StatusCode));
    }

    [Fact]
    public async Task Nodegroups_and_fargate_profiles_are_described()
    {
        await using var sandbox = await StartAsync();

        var nodegroups = await sandbox.Eks.ListNodegroupsAsync(EastA, "alpha", _ct);
        var fargate = await sandbox.Eks.ListFargateProfilesAsync(EastA, "alpha", _ct);

        Assert.Equal(["general", "windows"], nodegroups.Select(n => n.Name));
        Assert.Equal("AL2023_x86_64_STANDARD", nodegroups[0].AmiType);
        Assert.Equal("general", nodegroups[0].Labels["role"]);
        Assert.Equal(RoleArn(AccountA, "eks-node"), nodegroups[0].NodeRoleArn);
        Assert.Equal("WINDOWS_CORE_2022_x86_64", nodegroups[1].AmiType);
        Assert.Equal(["batch", "jobs"], fargate.Single().Namespaces);
    }
}
