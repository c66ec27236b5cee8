using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Migrator.Aws.CloudTrail;
using Migrator.Aws.Configuration;

namespace Migrator.Sandbox.Tests.Evidence;

/// <summary>CloudTrail pacing on a fake clock: 2 requests a second per account and region, accounts and regions apart.</summary>
public sealed class CloudTrailPacingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private CloudTrailPacing Pacing(double rate = 2) =>
        new(Options.Create(new AwsOptions { RequestsPerSecond = new AwsRequestRateOptions { CloudTrail = rate } }), _time);

    [Fact]
    public async Task Requests_of_one_account_and_region_go_out_half_a_second_apart()
    {
        var pacing = Pacing();

        var turns = Enumerable.Range(0, 5).Select(_ => pacing.WaitTurnAsync("111122223333", "us-east-1", default)).ToList();

        Assert.Equal(1, turns.Count(t => t.IsCompleted));
        for (var passed = 2; passed <= 5; passed++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(499));
            Assert.Equal(passed - 1, turns.Count(t => t.IsCompleted));
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await turns[passed - 1];
            Assert.Equal(passed, turns.Count(t => t.IsCompleted));
        }
    }

    [Fact]
    public void Other_accounts_and_regions_do_not_wait_for_each_other()
    {
        var pacing = Pacing();

        var turns = new[]
        {
            pacing.WaitTurnAsync("111122223333", "us-east-1", default),
            pacing.WaitTurnAsync("111122223333", "eu-west-1", default),
            pacing.WaitTurnAsync("444455556666", "us-east-1", default),
        };

        Assert.All(turns, t => Assert.True(t.IsCompleted));
    }

    [Fact]
    public void An_idle_account_gets_its_next_request_out_at_once()
    {
        var pacing = Pacing();
        _ = pacing.WaitTurnAsync("111122223333", "us-east-1", default);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(pacing.WaitTurnAsync("111122223333", "us-east-1", default).IsCompleted);
        Assert.False(pacing.WaitTurnAsync("111122223333", "us-east-1", default).IsCompleted);
    }
}
