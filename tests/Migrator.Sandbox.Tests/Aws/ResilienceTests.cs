using Microsoft.Extensions.Time.Testing;
using Migrator.Core.Ports;
using static Migrator.Sandbox.Tests.Aws.AwsSandbox;

namespace Migrator.Sandbox.Tests.Aws;

public sealed class ResilienceTests
{
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Iam_throttling_is_retried_after_retry_after_until_it_succeeds()
    {
        await using var sandbox = await StartAsync(r =>
        {
            r.RateLimits[SandboxService.Iam] = 20;
            r.Burst = 1;
        });

        var roles = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => sandbox.Iam.GetRoleAsync(AccountA, $"app-{i:000}", _ct)));

        Assert.All(roles, r => Assert.NotNull(r));
        var counters = sandbox.Server.Counters.Snapshot();
        Assert.True(counters.Throttled["iam"]["GetRole"] > 0, "the sandbox should have throttled some calls");
        Assert.Equal(3 + counters.Throttled["iam"]["GetRole"], counters.CallsOf("iam", "GetRole"));
    }

    [Fact]
    public async Task Eks_throttling_429_is_retried_until_it_succeeds()
    {
        await using var sandbox = await StartAsync(r =>
        {
            r.RateLimits[SandboxService.Eks] = 20;
            r.Burst = 1;
        });
        var scope = new AwsScope(AccountA, "us-east-1");

        var described = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => sandbox.Eks.DescribeClusterAsync(scope, "alpha", _ct)));

        Assert.All(described, d => Assert.Equal("alpha", d.Name));
        Assert.True(sandbox.Server.Counters.Snapshot().Throttled["eks"]["DescribeCluster"] > 0);
    }

    [Fact]
    public async Task Transient_server_errors_are_retried()
    {
        await using var sandbox = await StartAsync(r => r.ErrorRate = 0.3);

        var roles = await sandbox.Iam.ListRolesAsync(AccountA, "/apps/", _ct);
        var clusters = await sandbox.Eks.ListClustersAsync(new AwsScope(AccountA, "eu-west-1"), _ct);
        for (var i = 0; i < 8; i++)
            Assert.NotNull(await sandbox.Iam.GetRoleAsync(AccountA, $"app-{i:000}", _ct));

        Assert.Equal(PagedRoles, roles.Count);
        Assert.Equal(PagedClusters, clusters.Count);
        Assert.True(sandbox.Server.Counters.Snapshot().TransientErrors.Values.Sum(ops => ops.Values.Sum()) > 0);
    }

    [Fact]
    public async Task New_associations_become_visible_after_the_consistency_delay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await StartAsync(r => r.AssociationVisibilityDelayMs = 2000, time: time);
        var scope = new AwsScope(AccountA, "us-east-1");

        var created = await sandbox.Eks.CreatePodIdentityAssociationAsync(scope, new CreateAssociationRequest
        {
            ClusterName = "alpha", Namespace = "payments", ServiceAccount = "api", RoleArn = RoleArn(AccountA, "payments-api", "/workloads/"),
        }, _ct);
        var before = await sandbox.Eks.ListPodIdentityAssociationsAsync(scope, "alpha", "payments", null, _ct);
        time.Advance(TimeSpan.FromSeconds(3));
        var after = await sandbox.Eks.ListPodIdentityAssociationsAsync(scope, "alpha", "payments", null, _ct);

        Assert.Empty(before);
        Assert.Equal(created.AssociationId, after.Single().AssociationId);
    }

    [Fact]
    public async Task A_create_retried_with_its_token_answers_with_the_association_not_yet_visible_and_describe_gives_its_tags()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await StartAsync(r => r.AssociationVisibilityDelayMs = 2000, time: time);
        var scope = new AwsScope(AccountA, "us-east-1");
        var request = new CreateAssociationRequest
        {
            ClusterName = "alpha", Namespace = "payments", ServiceAccount = "api", RoleArn = RoleArn(AccountA, "payments-api", "/workloads/"),
            ClientRequestToken = "entry-7", Tags = new Dictionary<string, string> { ["migrator/plan"] = "plan-1", ["migrator/step"] = "p1/assoc/x" },
        };

        var created = await sandbox.Eks.CreatePodIdentityAssociationAsync(scope, request, _ct);
        var hidden = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.DescribePodIdentityAssociationAsync(scope, "alpha", created.AssociationId, _ct));
        var retried = await sandbox.Eks.CreatePodIdentityAssociationAsync(scope, request, _ct);
        var otherToken = await Assert.ThrowsAsync<AwsApiException>(() => sandbox.Eks.CreatePodIdentityAssociationAsync(scope, request with { ClientRequestToken = "entry-8" }, _ct));
        time.Advance(TimeSpan.FromSeconds(3));
        var described = await sandbox.Eks.DescribePodIdentityAssociationAsync(scope, "alpha", created.AssociationId, _ct);

        Assert.Equal("ResourceNotFoundException", hidden.ErrorCode);
        Assert.Equal(created.AssociationId, retried.AssociationId);
        Assert.Equal("ResourceInUseException", otherToken.ErrorCode);
        Assert.Equal("p1/assoc/x", described.Tags["migrator/step"]);
        Assert.Equal("plan-1", described.Tags["migrator/plan"]);
    }
}
