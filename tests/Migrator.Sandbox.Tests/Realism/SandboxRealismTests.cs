using Microsoft.Extensions.Time.Testing;

namespace Migrator.Sandbox.Tests.Realism;

public sealed class SandboxRealismTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CallCounters _counters = new();

    private SandboxRealism Realism(RealismOptions options, int seed = 1) => new(options, _clock, _counters, seed);

    [Fact]
    public async Task Token_bucket_throttles_past_the_burst_and_refills_with_time()
    {
        var realism = Realism(new RealismOptions { RateLimitPerSecond = 1, Burst = 2 });

        var first = await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        var second = await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        var third = await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var fourth = await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);

        Assert.True(first.ShouldProceed);
        Assert.True(second.ShouldProceed);
        Assert.Equal(AdmissionOutcome.Throttle, third.Outcome);
        Assert.Equal(1, third.RetryAfterSeconds);
        Assert.True(fourth.ShouldProceed);
        Assert.Equal(4, _counters.Calls(SandboxService.Eks, "ListClusters"));
        Assert.Equal(1, _counters.Snapshot().Throttled["eks"]["ListClusters"]);
    }

    [Fact]
    public async Task Each_service_has_its_own_bucket()
    {
        var realism = Realism(new RealismOptions { RateLimitPerSecond = 1, Burst = 1 });

        var eks = await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        var eksAgain = await realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None);
        var iam = await realism.AdmitAsync(SandboxService.Iam, "GetRole", CancellationToken.None);

        Assert.True(eks.ShouldProceed);
        Assert.False(eksAgain.ShouldProceed);
        Assert.True(iam.ShouldProceed);
    }

    [Fact]
    public async Task Per_service_rate_overrides_the_default()
    {
        var realism = Realism(new RealismOptions { RateLimitPerSecond = 0, RateLimits = { [SandboxService.Iam] = 1 }, Burst = 1 });

        await realism.AdmitAsync(SandboxService.Iam, "GetRole", CancellationToken.None);
        var iam = await realism.AdmitAsync(SandboxService.Iam, "GetRole", CancellationToken.None);
        var eks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => realism.AdmitAsync(SandboxService.Eks, "ListClusters", CancellationToken.None).AsTask()));

        Assert.Equal(AdmissionOutcome.Throttle, iam.Outcome);
        Assert.All(eks, a => Assert.True(a.ShouldProceed));
    }

    [Fact]
    public async Task Error_rate_one_fails_every_call_and_zero_none()
    {
        var failing = Realism(new RealismOptions { ErrorRate = 1 });
        var healthy = Realism(new RealismOptions { ErrorRate = 0 });

        var failed = await failing.AdmitAsync(SandboxService.Sts, "AssumeRole", CancellationToken.None);
        var served = await healthy.AdmitAsync(SandboxService.Sts, "AssumeRole", CancellationToken.None);

        Assert.Equal(AdmissionOutcome.TransientError, failed.Outcome);
        Assert.True(served.ShouldProceed);
        Assert.Equal(1, _counters.Snapshot().TransientErrors["sts"]["AssumeRole"]);
    }

    [Fact]
    public async Task Transient_errors_follow_the_seed()
    {
        async Task<string> Run(int seed)
        {
            var realism = new SandboxRealism(new RealismOptions { ErrorRate = 0.5 }, _clock, new CallCounters(), seed);
            var outcomes = new List<char>();
            for (var i = 0; i < 40; i++)
                outcomes.Add((await realism.AdmitAsync(SandboxService.Eks, "DescribeCluster", CancellationToken.None)).ShouldProceed ? '.' : 'x');
            return new string(outcomes.ToArray());
        }

        var a = await Run(8);
        Assert.Equal(a, await Run(8));
        Assert.NotEqual(a, await Run(9));
        Assert.Contains('x', a);
        Assert.Contains('.', a);
    }

    [Fact]
    public async Task Latency_holds_the_call_until_the_clock_moves()
    {
        var realism = Realism(new RealismOptions { LatencyMs = 250 });

        var call = realism.AdmitAsync(SandboxService.Kubernetes, "list serviceaccounts", CancellationToken.None).AsTask();
        Assert.False(call.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        var admission = await call;

        Assert.True(admission.ShouldProceed);
    }

    [Fact]
    public void New_roles_and_associations_become_visible_after_their_delays()
    {
        var realism = Realism(new RealismOptions { RoleVisibilityDelayMs = 2000, AssociationVisibilityDelayMs = 500 });
        var role = new IamRole { Name = "r", TrustPolicy = "{}", CreateDate = _clock.GetUtcNow() };
        var association = new PodIdentityAssociation { Namespace = "a", ServiceAccount = "b", RoleArn = "arn:aws:iam::111122223333:role/r", CreatedAt = _clock.GetUtcNow() };
        var old = new IamRole { Name = "old", TrustPolicy = "{}", CreateDate = _clock.GetUtcNow().AddDays(-1) };

        Assert.False(realism.IsRoleVisibleToEks(role));
        Assert.False(realism.IsAssociationVisible(association));
        Assert.True(realism.IsRoleVisibleToEks(old));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(realism.IsAssociationVisible(association));
        Assert.False(realism.IsRoleVisibleToEks(role));
        _clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.True(realism.IsRoleVisibleToEks(role));
    }
}
